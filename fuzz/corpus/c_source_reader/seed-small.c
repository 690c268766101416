static int f(int a);
#define f(x) { x }
int f(int a) { if (a) { return "}"[0]; } return 0; }
