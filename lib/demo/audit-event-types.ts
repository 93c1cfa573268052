/** The product's audit event types (GitLab-like), seeded into AuditEventType. */
export interface AuditEventTypeSeed {
  name: string;
  category: string;
  description: string;
  scope: string[];
  savedToDb: boolean;
}

export const AUDIT_EVENT_TYPES: AuditEventTypeSeed[] = [
  { name: "user_access_locked", category: "User management", description: "A user's access is locked", scope: ["user"], savedToDb: true },
  { name: "project_created", category: "Projects", description: "A project is created", scope: ["project"], savedToDb: true },
];
