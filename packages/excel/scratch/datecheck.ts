import { serialToIso } from '../src/xlsx/dates.ts';
// compare against Date-based reference
const ref = (serial: number, d1904: boolean) => {
  let days = Math.floor(serial); let secs = Math.round((serial - days) * 86400); if (secs === 86400) { days++; secs = 0; }
  if (serial < 1 && days === 0) return new Date(secs * 1000).toISOString().slice(11, 19);
  const epoch = d1904 ? Date.UTC(1904,0,1) : days < 61 ? Date.UTC(1899,11,31) : Date.UTC(1899,11,30);
  const iso = new Date(epoch + days * 86400000 + secs * 1000).toISOString();
  return secs === 0 ? iso.slice(0,10) : iso.slice(0,19);
};
let bad = 0;
for (let s = 0; s < 2958466; s += 0.37) for (const f of [false, true]) { const a = serialToIso(s, f), b = ref(s, f); if (a !== b && bad++ < 10) console.log(s, f, a, b); }
console.log('bad', bad, serialToIso(0, false), serialToIso(1, false), serialToIso(60, false), serialToIso(61, false), serialToIso(45352.4375, false), serialToIso(0, true));
