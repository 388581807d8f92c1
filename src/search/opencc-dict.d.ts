// opencc-js ships its dictionaries as modules (exports "./*") without type declarations.
declare module 'opencc-js/dict/TSCharacters' {
  /** "繁 简|…": entries separated by "|", source and replacement by a space. */
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/TSPhrases' {
  const dict: string;
  export default dict;
}
