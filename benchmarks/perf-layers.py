#!/usr/bin/env python3
"""CPU per request by layer from a perf profile of a .NET server (docs/benchmarks.md, "Where the time goes").

Usage: perf script -i FILE.perf > FILE.txt; perf-layers.py FILE.txt REQUESTS [LAYER]
REQUESTS is the number of requests served while perf recorded. Each sample goes to the innermost frame that belongs
to a known layer (assembly or namespace); one with no layer frame goes by its first frame outside the kernel (a native
library, or CoreLib); the tiering and GC threads are counted apart. At perf's -F 999 a sample is 1 ms, so samples per 1,000 requests are µs per request.
With LAYER, the layer's own frames that took its samples are listed too.
"""
import collections
import re
import sys

path=sys.argv[1]; requests=float(sys.argv[2]) if len(sys.argv)>2 else None
cats=[
 ('Npgsql','[Npgsql]'),
 ('EF Core','[Microsoft.EntityFrameworkCore'),
 ('MediatR','[MediatR]'),
 ('FluentValidation','[FluentValidation]'),
 ('JSON','[System.Text.Json]'),
 ('Wolverine','[Wolverine'),
 ('Monolith.Host','[Monolith.Host]'),
 ('Monolith.BuildingBlocks','[Monolith.BuildingBlocks]'),
 ('Monolith.Modules','[Monolith.Modules.'),
 ('Monolith.Benchmarks (bare)','[Monolith.Benchmarks]'),
 ('Authentication','[Microsoft.AspNetCore.Authentication'),
 ('Authorization','[Microsoft.AspNetCore.Authorization'),
 ('Rate limiting','RateLimit'),
 ('Routing / endpoint','[Microsoft.AspNetCore.Routing'),
 ('Routing / endpoint','[Microsoft.AspNetCore.Http.Extensions]'),
 ('Middleware (diagnostics, status pages)','[Microsoft.AspNetCore.Diagnostics'),
 ('DI','[Microsoft.Extensions.DependencyInjection'),
 ('Logging / Activity','[Microsoft.Extensions.Logging'),
 ('Logging / Activity','[System.Diagnostics.DiagnosticSource]'),
 ('Hosting (request start/end)','[Microsoft.AspNetCore.Hosting]'),
 ('Kestrel','[Microsoft.AspNetCore.Server.Kestrel'),
 ('Http abstractions','[Microsoft.AspNetCore.Http'),
 ('Sockets','[System.Net.Sockets]'),
 ('Crypto','[System.Security.Cryptography]'),
 ('Crypto','libcrypto'),
 ('Memory cache','[Microsoft.Extensions.Caching'),
]
detail=collections.Counter(); c=collections.Counter(); total=0
for s in open(path).read().split('\n\n'):
    lines=[l.strip() for l in s.strip().split('\n') if l.strip()]
    if len(lines)<2: continue
    total+=1
    head=lines[0]
    if 'Tiered Com' in head: c['JIT (tiering thread)']+=1; continue
    if 'Server GC' in head or 'Background GC' in head: c['GC threads']+=1; continue
    fr=lines[1:]
    got=None
    for f in fr:
        for name,pat in cats:
            if pat in f: got=name; break
        if got: break
    if not got:
        native = next((f for f in fr if 'kernel.kallsyms' not in f), None)
        if native is None:
            got = 'kernel only'
        elif 'libonnxruntime' in native:
            got = 'ONNX Runtime (native)'
        elif 'libcoreclr' in native or 'libclrjit' in native:
            got = 'runtime (native: GC, stubs, thread pool)'
        elif any('[System.Private.CoreLib]' in f and 'ThreadPool' in f for f in fr):
            got = 'thread pool (no layer frame)'
        else:
            got = 'other: libc system calls, CoreLib'
    c[got]+=1
    if len(sys.argv)>3 and got==sys.argv[3]:
        key=None
        for f in fr:
            if (('native' in got or got.startswith('other')) and 'kernel.kallsyms' not in f) or got == 'kernel only' or any(p in f for n,p in cats if n==got):
                key=re.sub(r'\+0x[0-9a-f]+','',re.sub(r'\(/tmp/perf.*','',re.sub(r'^[0-9a-f]+ ','',f)))[:160]; break
        detail[key]+=1
print(f'{path}: {total} samples' + (f', {total/requests*1000:.1f} per 1000 requests' if requests else ''))
for k,v in c.most_common():
    print(f'  {k:40s} {100*v/total:5.1f}%' + (f'  {v/requests*1000:6.1f}/1000 req' if requests else ''))

if len(sys.argv)>3:
    print('-- top frames of',sys.argv[3])
    for k,v in detail.most_common(30): print(f'  {v/requests*1000:6.1f}  {k}')
