/**
 * A copy of `text` that does not keep the text it was cut from alive. V8 represents a substring
 * of 13 or more characters as a view into its parent, here the parser's whole chunk of the file
 * (up to 1 MB): one program name or paymentId kept in a Map would keep its chunk, and a few
 * thousand of them the whole file. Anything the job keeps beyond the row goes through this.
 */
export function detach(text: string): string {
  // Concatenation makes a new string; slicing it flattens it into a buffer of its own.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
