// What a question asks about, as opposed to the words that make it a question. One grammar for
// every tool that takes a question: the asking words are dropped before the rest is searched.
import { foldWidth } from './text.js';

// Words that make a sentence a question (请问…是多少, 哪些…, …吗).
const ASKING = ['请问', '是多少', '多少', '什么', '哪些', '哪个', '哪里', '怎么', '怎样', '如何', '是否', '有没有', '几个', '谁', '吗', '呢', '吧'];

// Words that ask about responsibility or timing rather than name a task (谁牵头…, …的完成时限).
const ABOUT_RESPONSIBILITY = [
  '谁来牵头', '谁牵头', '由谁', '谁负责', '谁来负责', '是谁', '哪个单位', '哪个部门', '哪些单位', '哪些部门',
  '牵头单位是', '责任单位是', '配合单位是', '牵头单位', '责任单位', '配合单位', '完成时限', '什么时候完成', '什么时候',
  '何时完成', '何时', '截止', '期限', '牵头', '负责', '的工作',
];

const alternation = (words: string[]) => new RegExp([...words].sort((a, b) => b.length - a.length).join('|'), 'g');
const ASKING_RE = alternation(ASKING);
const RESPONSIBILITY_RE = alternation([...ABOUT_RESPONSIBILITY, ...ASKING]);
const PUNCTUATION = /[？?。，,！!\s]+/g;

/** The question without its asking words and punctuation: 请问湿地面积是多少 → 湿地面积. */
export function questionSubject(question: string): string {
  return foldWidth(question).replace(ASKING_RE, ' ').replace(PUNCTUATION, ' ').trim();
}

/** The task a responsibility question names: 谁牵头柴油货车污染治理？ → 柴油货车污染治理. */
export function taskSubject(question: string): string {
  return foldWidth(question).replace(RESPONSIBILITY_RE, ' ').replace(PUNCTUATION, ' ').trim();
}
