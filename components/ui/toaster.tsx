'use client';

import { Toaster as Sonner } from 'sonner';

/** One toast region for the whole console; client components call `toast` from 'sonner'. */
export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton duration={6000} />;
}
