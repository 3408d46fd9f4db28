// Build: gcc -O2 -o /tmp/zero-buffers zero-buffers.c (docs/accuracy.md, "Seventeenth session: the allocation price's two groups").
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
// Six 16 MiB buffers (six sets of physical pages) in one process, each zeroed in 8 KiB pieces, the six
// measured in turn, four rounds: does a buffer keep its speed (its pages decide) or do all move together (the moment decides)?
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
double run(char*buf,size_t span){ double r[15];
  for(int k=0;k<15;k++){double t0=now(); for(size_t p=0;p+8192<=span;p+=8192+2072) memset(buf+p,0,8192); r[k]=(now()-t0)/(span/(8192.0+2072)*8192);}
  qsort(r,15,sizeof(double),cmp); return r[7];}
int main(){ size_t span=16<<20; char*b[6];
  for(int i=0;i<6;i++){b[i]=mmap(0,span,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); memset(b[i],1,span);}
  for(int r=0;r<4;r++){ for(int i=0;i<6;i++) printf(" %.4f",run(b[i],span)); printf("\n"); } }
