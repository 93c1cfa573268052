import { AdminTabs } from "@/components/admin/admin-tabs";
import { requirePageUser } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser("staff.manage");
  return (
    <>
      <AdminTabs />
      {children}
    </>
  );
}
