/** A time of day, as the gateway's daily auto-restart is configured. */
export interface RestartTime {
  hour: number;
  minute: number;
}

/** "11:50 PM" (IBC's AUTO_RESTART_TIME format), "23:50", or "none" (or ""). Throws on anything else (the config reports it). */
export const parseRestartTime = (raw: string): RestartTime | null => {
  const s = raw.trim().toUpperCase();
  if (s === '' || s === 'NONE') return null;
  const m = /^(\d{1,2}):(\d{2})\s*(AM|PM)?$/.exec(s);
  if (!m) throw new Error(`not a time: ${raw}`);
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59) throw new Error(`not a time: ${raw}`);
  if (m[3]) {
    if (hour < 1 || hour > 12) throw new Error(`not a time: ${raw}`);
    hour = (hour % 12) + (m[3] === 'PM' ? 12 : 0);
  } else if (hour > 23) throw new Error(`not a time: ${raw}`);
  return { hour, minute };
};
