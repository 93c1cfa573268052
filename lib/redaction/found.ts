// What the scanners found in one string: stretches that a rule claims, kept in parallel typed
// arrays rather than one object each, so that a hostile line with hundreds of thousands of
// findings stays cheap for the garbage collector. One instance is reused for every string.

/** Keep the text as it is (an owned identifier); counted nowhere. */
export const A_KEEP = 0;
export const A_SECRET = 1;
export const A_SYSTEM = 2;
export const A_IP = 3;
export const A_EMAIL = 4;
/** Pseudonyms: `[user-N]`, `[project-N]`, `[email-N]`. */
export const A_USER = 5;
export const A_PROJECT = 6;
export const A_EMAIL_PSEUDONYM = 7;

/** Precedence levels: lower wins. */
export const LEVEL_SECRET = 0;
export const LEVEL_SYSTEM = 1;
export const LEVEL_OTHER = 2;
export const LEVEL_PERSONAL = 3;

/** Tie-breaks among equal spans of one level: a key's whole value, then key=value, then scanners. */
export const PRIO_WHOLE = 0;
export const PRIO_KEYED = 1;
export const PRIO_SCAN = 2;

export class Found {
  count = 0;
  /** The claimed span; resolve() may widen or trim it. */
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** The span as found, from which a pseudonym's identifier is read. */
  idStart = new Int32Array(64);
  idEnd = new Int32Array(64);
  level = new Uint8Array(64);
  prio = new Uint8Array(64);
  action = new Uint8Array(64);
  /**
   * The identifier of a finding when it is not the text of its span: a URL-decoded path
   * (`initech%2Fpayroll` is `initech/payroll`). Sparse; most strings have none.
   */
  idText = new Map<number, string>();
  /**
   * Positions of `@` that are not an email's nor a mention's: the end of a URL's user
   * information and the `user@host` of an scp-style remote. Ascending.
   */
  notEmailAt: number[] = [];
  /**
   * Set by the scope check's finder only (finder.ts): record, in reportEnd, the namespace part a
   * summary names a product path by when the path continues past it.
   */
  wantsReports = false;
  /**
   * For a finding that is a whole product path of three or more segments (`initech/payroll/issues/5`,
   * judged whole: the redaction cannot tell where its namespace ends), where its first two
   * segments end. Sparse; filled only when wantsReports.
   */
  reportEnd = new Map<number, number>();

  reset(): void {
    this.count = 0;
    if (this.idText.size > 0) this.idText.clear();
    if (this.reportEnd.size > 0) this.reportEnd.clear();
    if (this.notEmailAt.length > 0) this.notEmailAt.length = 0;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.start = grow32(this.start);
    this.end = grow32(this.end);
    this.idStart = grow32(this.idStart);
    this.idEnd = grow32(this.idEnd);
    this.level = grow8(this.level);
    this.prio = grow8(this.prio);
    this.action = grow8(this.action);
  }

  add(start: number, end: number, level: number, prio: number, action: number): void {
    if (end <= start) return;
    // The same stretch at the same level right after one that sorts before it (prio no lower)
    // can never win in resolve(): it is left out (a path key's value found again as a path).
    const last = this.count - 1;
    if (
      last >= 0 &&
      this.start[last] === start &&
      this.end[last] === end &&
      this.level[last] === level &&
      this.prio[last] <= prio
    ) {
      return;
    }
    if (this.count === this.start.length) this.grow();
    const i = this.count++;
    this.start[i] = start;
    this.end[i] = end;
    this.idStart[i] = start;
    this.idEnd[i] = end;
    this.level[i] = level;
    this.prio[i] = prio;
    this.action[i] = action;
  }

  secret(start: number, end: number, prio = PRIO_SCAN): void {
    this.add(start, end, LEVEL_SECRET, prio, A_SECRET);
  }

  system(start: number, end: number, prio = PRIO_SCAN): void {
    this.add(start, end, LEVEL_SYSTEM, prio, A_SYSTEM);
  }

  ip(start: number, end: number): void {
    this.add(start, end, LEVEL_PERSONAL, PRIO_SCAN, A_IP);
  }

  email(start: number, end: number): void {
    this.add(start, end, LEVEL_PERSONAL, PRIO_SCAN, A_EMAIL);
  }

  /** An owned identifier: kept, and shielding its text from lower rules. */
  keepIdentity(start: number, end: number, prio = PRIO_SCAN): void {
    this.add(start, end, LEVEL_OTHER, prio, A_KEEP);
  }

  /** An owned email when personal data is disclosed. */
  keepPersonal(start: number, end: number): void {
    this.add(start, end, LEVEL_PERSONAL, PRIO_SCAN, A_KEEP);
  }

  user(start: number, end: number, prio = PRIO_SCAN): void {
    this.add(start, end, LEVEL_OTHER, prio, A_USER);
  }

  project(start: number, end: number, prio = PRIO_SCAN): void {
    this.add(start, end, LEVEL_OTHER, prio, A_PROJECT);
  }

  /** Gives the last finding added an identifier other than its text (a decoded path). */
  setLastId(start: number, end: number, id: string): void {
    const last = this.count - 1;
    if (last >= 0 && this.start[last] === start && this.end[last] === end) this.idText.set(last, id);
  }

  /** Gives the last finding added (the span start..end) the end of the part a summary names it by. */
  setLastReport(start: number, end: number, reportEnd: number): void {
    const last = this.count - 1;
    if (last >= 0 && this.start[last] === start && this.end[last] === end) this.reportEnd.set(last, reportEnd);
  }

  emailPseudonym(start: number, end: number): void {
    this.add(start, end, LEVEL_OTHER, PRIO_SCAN, A_EMAIL_PSEUDONYM);
  }
}
