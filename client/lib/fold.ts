/** Lower case without diacritics, đ → d: "Nguyễn Đức" and "nguyen duc" match, NFC and NFD alike. Every search box of the console reads names so. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
}
