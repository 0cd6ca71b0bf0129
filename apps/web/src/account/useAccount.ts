// Signing in and out changes whose work every query reads, so each of these drops the whole
// query cache once it succeeds, and the page shows the new person's work.
import { trpc } from '../trpc.ts';

function useResetAll() {
  const utils = trpc.useUtils();
  return () => utils.invalidate();
}

export function useSignOut() {
  return trpc.signOut.useMutation({ onSuccess: useResetAll() });
}

export function useSignOutEverywhere() {
  return trpc.signOutEverywhere.useMutation({ onSuccess: useResetAll() });
}

export function useSignIn() {
  return trpc.signIn.useMutation({ onSuccess: useResetAll() });
}

export function useSignUp() {
  return trpc.signUp.useMutation({ onSuccess: useResetAll() });
}

export function useResetPassword() {
  return trpc.resetPassword.useMutation({ onSuccess: useResetAll() });
}
