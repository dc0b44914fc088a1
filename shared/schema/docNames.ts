/** Every doc has a stable name: its IndexedDB database, and later its sync room. */
export function sessionDocName(sessionId: string): string {
  return `bouwplaats/${sessionId}/session`;
}

export function boardDocName(sessionId: string, groupId: string): string {
  return `bouwplaats/${sessionId}/board/${groupId}`;
}
