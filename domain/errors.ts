// The one error for input that cannot be understood: it names the field, says what is wrong in
// Chinese and in English, and shows an accepted form. Tools, the CLI and the deadline engine all
// throw it; the server turns it into an isError answer.
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
    readonly example: string,
  ) {
    super(`参数 ${field} 无效：${zh}。示例：${example}\nInvalid ${field}: ${en}. Example: ${example}`);
  }
}
