// Patterns shared by the unit forms: numbering that starts an item, a list that goes on after a separator.
export const NUMBERING_START = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])/;
export const ENDS_WITH_SEP = /[、,，;；和及与]$/;
