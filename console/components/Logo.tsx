// Forestall's mark and name, in the top bar and on the sign-in card.
export function Logo() {
  return (
    <>
      <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" />
        <path d="M16 5l7 10h-4l5 7h-6v5h-4v-5H8l5-7H9z" />
      </svg>
      Forestall
    </>
  );
}
