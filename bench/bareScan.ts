/**
 * The practical floor of any analysis: one charCodeAt pass that finds every numeric literal
 * (decimal, hex, float) and its value, skipping identifiers, comments, strings and chars
 * (without that a number inside them would count). No tokens, no allocation.
 */
export function bareScan(text: string): { count: number; sum: number } {
  let count = 0;
  let sum = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let value = 0;
      if (c === 48 && (text.charCodeAt(i + 1) | 0x20) === 120) {
        i += 2;
        for (;;) {
          const d = text.charCodeAt(i);
          const lower = d | 0x20;
          if (d >= 48 && d <= 57) value = value * 16 + d - 48;
          else if (lower >= 97 && lower <= 102) value = value * 16 + lower - 87;
          else break;
          i++;
        }
        if ((text.charCodeAt(i) | 0x20) === 120) i++; // extended CAN ID: 0x100x
      } else {
        let d = c;
        while (d >= 48 && d <= 57) {
          value = value * 10 + d - 48;
          d = text.charCodeAt(++i);
        }
        if (d === 46) {
          d = text.charCodeAt(++i);
          while (d >= 48 && d <= 57) d = text.charCodeAt(++i);
        }
        if ((d | 0x20) === 101) {
          const sign = text.charCodeAt(i + 1);
          if (sign === 43 || sign === 45) {
            i += 2;
            while ((d = text.charCodeAt(i)) >= 48 && d <= 57) i++;
          }
        }
      }
      count++;
      sum += value;
    } else if ((c | 0x20) >= 97 && (c | 0x20) <= 122 || c === 95) {
      let d = text.charCodeAt(++i);
      while (((d | 0x20) >= 97 && (d | 0x20) <= 122) || (d >= 48 && d <= 57) || d === 95) d = text.charCodeAt(++i);
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      i += 2;
      let d = text.charCodeAt(i);
      while (i < n && d !== 10 && d !== 13) d = text.charCodeAt(++i);
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      i += 2;
      while (i < n && !(text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47)) i++;
      i += 2;
    } else if (c === 34 || c === 39) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (i >= n || d === c || d === 10 || d === 13) break;
        i += d === 92 ? 2 : 1;
      }
      i++;
    } else {
      i++;
    }
  }
  return { count, sum };
}
