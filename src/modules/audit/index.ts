export { type AuditFilter, selectAuditEvents, toAuditEvent } from './audit.repository';
