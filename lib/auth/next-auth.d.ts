import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
    sid?: string;
  }
  interface User {
    role?: string;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    /** This browser's UserSession id. */
    sid?: string;
  }
}
