import { redirect } from 'next/navigation';

// Orders are found by search; /orders alone (a trimmed journey URL) is not a dead end.
export default function OrdersPage() {
  redirect('/search');
}
