import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { actorOf, recordActivity, type Actor } from "@/lib/audit";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, conflict, notFound } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import type { TInviteStaffInput } from "./schemas";

const INVITE_DAYS = 7;
const STAFF_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  invitedAt: true,
  lastSignInAt: true,
  passwordHash: true,
  inviteExpiresAt: true,
  teamLead: true,
  createdAt: true,
} as const;

export type StaffRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  status: "active" | "invited" | "deactivated";
  teamLead: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function toRow(u: { id: string; email: string; name: string; role: Role; active: boolean; teamLead: boolean; lastSignInAt: Date | null; passwordHash: string | null; inviteExpiresAt: Date | null; createdAt: Date }): StaffRow {
  const status = !u.active ? "deactivated" : !u.passwordHash && !u.lastSignInAt ? "invited" : "active";
  return { id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, status, teamLead: u.teamLead, lastSignInAt: u.lastSignInAt, createdAt: u.createdAt };
}

export async function listStaff(opts: { page?: number; pageSize?: number; q?: string } = {}) {
  const pageSize = opts.pageSize ?? 25;
  const page = Math.max(1, opts.page ?? 1);
  const where = opts.q
    ? { OR: [{ email: { contains: opts.q, mode: "insensitive" as const } }, { name: { contains: opts.q, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db().user.findMany({ where, select: STAFF_SELECT, orderBy: [{ active: "desc" }, { name: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db().user.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page, pageSize };
}

/**
 * Invites a staff member. With SSO they sign in with the company account
 * whose email matches; with passwords they follow a one-time link (valid 7
 * days) to choose one. The link is returned to the Admin and sent through the outbox.
 */
export async function inviteStaff(actor: Actor, input: TInviteStaffInput, baseUrl: string) {
  const token = randomBytes(24).toString("base64url");
  const link = `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", "A staff member with this email already exists.", { email: ["Already a staff member."] });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        invitedAt: new Date(),
        invitedById: actor.kind === "user" ? actor.id : null,
        inviteTokenHash: sha256(token),
        inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      },
      select: { id: true, email: true, role: true },
    });
    const how = env().passwordSignIn
      ? `Choose your password here (the link works once, for ${INVITE_DAYS} days):\n${link}`
      : `Sign in with ${env().OIDC_NAME} at ${baseUrl}.`;
    await queueNotification(tx, {
      kind: "staff.invited",
      to: user.email,
      subject: "You have been invited to Logdesk",
      body: `Hello ${input.name},\n\nYou have been given access to Logdesk as ${input.role}.\n${how}\n`,
    });
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, { actor, action: "user.invite", entityType: "User", entityId: user.id, after: { email: user.email, role: user.role } });
    return { id: user.id, link: env().passwordSignIn ? link : null };
  });
}

export async function findInvite(token: string) {
  const user = await db().user.findUnique({
    where: { inviteTokenHash: sha256(token) },
    select: { id: true, email: true, name: true, active: true, inviteExpiresAt: true },
  });
  if (!user || !user.active || !user.inviteExpiresAt || user.inviteExpiresAt < new Date()) return null;
  return { email: user.email, name: user.name };
}

export async function acceptInvite(token: string, password: string) {
  const passwordHash = await hashPassword(password); // before the transaction: hashing is slow
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { inviteTokenHash: sha256(token) }, select: { id: true, role: true, active: true, inviteExpiresAt: true } });
    if (!user || !user.active || !user.inviteExpiresAt || user.inviteExpiresAt < new Date()) {
      throw new AppError("NOT_FOUND", "This invitation link has expired or was already used. Ask an Admin for a new one.");
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null } });
    await recordActivity(tx, { actor: actorOf(user), action: "user.acceptInvite", entityType: "User", entityId: user.id });
  });
}

async function lastActiveAdminGuard(tx: Tx, userId: string) {
  const admins = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (admins === 0) throw conflict("Logdesk needs at least one active Admin: make someone else Admin first.");
}

/** Changes a role; the person's open sessions are re-checked and use the new role on their next request. */
export async function changeRole(actor: Actor, userId: string, role: Role) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true, teamLead: true } });
    if (!user) throw notFound("That staff member");
    if (user.role === role) return;
    if (user.role === "admin" && user.active) await lastActiveAdminGuard(tx, userId);
    // A team lead leads their team: a move to another role (or the other team) ends it, and the log says so.
    await tx.user.update({ where: { id: userId }, data: { role, teamLead: false, sessionVersion: { increment: 1 } } });
    const lead = (v: boolean) => (user.teamLead ? { teamLead: v } : {});
    await recordActivity(tx, { actor, action: "user.changeRole", entityType: "User", entityId: userId, before: { role: user.role, ...lead(true) }, after: { role, ...lead(false) } });
  });
}

/** Deactivating signs the person out on their next request; their records stay. */
export async function setActive(actor: Actor, userId: string, active: boolean) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!user) throw notFound("That staff member");
    if (user.active === active) return;
    if (!active && actor.kind === "user" && actor.id === userId) throw conflict("You cannot deactivate yourself.");
    if (!active && user.role === "admin") await lastActiveAdminGuard(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { active, sessionVersion: { increment: 1 } } });
    await recordActivity(tx, { actor, action: active ? "user.reactivate" : "user.deactivate", entityType: "User", entityId: userId, before: { active: user.active }, after: { active } });
  });
}
