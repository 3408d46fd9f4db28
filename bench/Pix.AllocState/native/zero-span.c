// Build: gcc -O2 -o /tmp/zero-span zero-span.c (docs/accuracy.md, "Seventeenth session: the allocation price's two groups").
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
// memset in 8 KiB pieces through a cyclic 16 MiB buffer (what the allocator's zeroing does with a 16 MiB gen-0
// budget, without the GC): ns a byte, median of 31 rounds of one span each; and the same for a 2 MiB span.
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
double run(char*buf,size_t span){ double r[31];
  for(int k=0;k<31;k++){double t0=now(); for(size_t p=0;p+8192<=span;p+=8192+2072) memset(buf+p,0,8192); r[k]=(now()-t0)/(span/(8192.0+2072)*8192);}
  qsort(r,31,sizeof(double),cmp); return r[15];}
int main(){ size_t span=16<<20; char*buf=mmap(0,span,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); memset(buf,1,span);
  printf("16MiB %.4f 2MiB %.4f\n", run(buf,span), run(buf,2<<20)); }
