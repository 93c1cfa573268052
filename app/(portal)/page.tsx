import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";

/** Home: the first section the role may use. */
export default async function Home() {
  const user = await requirePageUser();
  redirect(navFor(user.role)[0]?.href ?? "/signin");
}
