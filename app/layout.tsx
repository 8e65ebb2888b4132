import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { THEME_COOKIE, parseTheme, themeClass } from '@/components/shell/theme';
import { Toaster } from '@/components/ui/toaster';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Waybill', template: '%s · Waybill' },
  description: 'Operations console for business-system integrations',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Pages are rendered per request already (the CSP nonce), so reading a cookie costs nothing.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NuqsAdapter>{children}</NuqsAdapter>
        <Toaster />
      </body>
    </html>
  );
}
