#!/usr/bin/env python3
"""Counts what one path through a RyuJIT listing executes, in the classes Pix's interfaces count.

usage: count-listing.py LISTING METHOD [BLOCK ...] [--call METHOD BLOCK ...]...

LISTING is a DOTNET_JitStdOutFile written with DOTNET_JitDisasm; METHOD a substring of the
"Assembly listing for method ..." line of the (Tier1) listing to read; BLOCKs the instruction groups
the path runs, in order (IG01 IG02 ...; a number alone means IGnn); with no BLOCK, every block. Each
--call adds the path through a callee's listing (a call the JIT left), counted apart and in the sum.

Per block and in total it prints instructions, issue slots (a compare or test and the conditional jump
right after it issue as one: macro-fusion), loads (a memory operand read, folded or not; pop), stores
(a memory operand written; push), folded loads (a memory operand of an ALU/compare instruction: it
issues inside that instruction), read-modify-writes (add [m], r: one instruction, a load and a store),
frame instructions (push/pop/the stack adjust/ret/the frame pointer's lea), calls, divides.
These are the counts the slot model prices (HardwareProfile.PriceBlock): compare them to __PixBlocks.
"""
import re
import sys

FUSING = {"cmp", "test", "add", "sub", "and", "inc", "dec"}
MOVES = {"mov", "movzx", "movsx", "movsxd", "movbe", "vmovups", "vmovdqu", "vmovdqa", "vmovsd", "vmovss", "vmovaps",
         "vmovd", "vmovq", "movups", "movsd", "movss", "movdqu", "lea"}
READS_ONLY_DEST = {"cmp", "test", "vucomisd", "vucomiss", "bt"}


def listing(path, method):
    """The (Tier1) listing of METHOD: {block: [instruction lines]}, blocks in order."""
    text = open(path, encoding="utf-8", errors="replace").read()
    starts = [m.start() for m in re.finditer(r"; Assembly listing for method ", text)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        header = text[start:text.index("\n", start)]
        if method in header and "(Tier1)" in header:
            return parse(text[start:end])
    sys.exit(f"no (Tier1) listing for {method} in {path}")


def parse(body):
    blocks, current = {}, None
    for line in body.splitlines():
        m = re.match(r"G_M\d+_(IG\d+):", line)
        if m:
            current = m.group(1)
            blocks[current] = []
            continue
        s = line.strip()
        if current is None or not s or s.startswith(";") or s == "int3":
            continue
        blocks[current].append(s.split(";")[0].strip())
    return blocks


def operands(instruction):
    parts = instruction.split(None, 1)
    if len(parts) == 1:
        return parts[0], []
    ops, depth, cur = [], 0, ""
    for ch in parts[1]:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            ops.append(cur.strip())
            cur = ""
        else:
            cur += ch
    ops.append(cur.strip())
    return parts[0], ops


def classify(instruction):
    op, args = operands(instruction)
    c = dict(instructions=1, loads=0, stores=0, folded=0, rmw=0, frame=0, calls=0, divides=0, jcc=0, fusable=0)
    memory = [i for i, a in enumerate(args) if "[" in a]
    if op in ("push", "pop"):
        c["frame"] = 1
        c["stores" if op == "push" else "loads"] = 1
    elif op == "ret":
        c["frame"] = 1
    elif op == "call":
        c["calls"] = 1
    elif op.startswith("j") and op != "jmp":
        c["jcc"] = 1
    elif op == "lea":
        pass
    elif memory:
        if memory[0] == 0 and len(args) >= 1:
            if op in READS_ONLY_DEST:
                c["loads"] = 1
                c["folded"] = 1
            elif op in MOVES or op.startswith("set"):
                c["stores"] = 1
            else:  # add [m], r: read, operate, write
                c["loads"] = c["stores"] = c["rmw"] = 1
        else:
            c["loads"] = 1
            if op not in MOVES:
                c["folded"] = 1
    if op in ("div", "idiv"):
        c["divides"] = 1
    if op in ("sub", "add") and args and args[0] == "rsp":
        c["frame"] = 1
    if op == "lea" and args and args[0] == "rbp":
        c["frame"] = 1
    # mem+imm compares do not macro-fuse on Intel; register or memory-register ones do.
    if op in FUSING and not (memory and len(args) == 2 and re.fullmatch(r"-?(0x)?[0-9A-Fa-f]+H?", args[1])):
        c["fusable"] = 1
    return c


def count(instructions):
    total = dict(instructions=0, slots=0, loads=0, stores=0, folded=0, rmw=0, frame=0, calls=0, divides=0)
    previous_fusable = False
    for ins in instructions:
        c = classify(ins)
        for k in total:
            if k in c:
                total[k] += c[k]
        # one slot each; a read-modify-write issues as two (load+op, store); a jcc after a fusable op joins it
        slots = 1 + c["rmw"]
        if c["jcc"] and previous_fusable:
            slots = 0
        total["slots"] += slots
        previous_fusable = c["fusable"] == 1
    return total


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    groups, current = [], [argv[1], argv[2], []]
    args = argv[3:]
    i = 0
    while i < len(args):
        if args[i] == "--call":
            groups.append(current)
            current = [argv[1], args[i + 1], []]
            i += 2
            continue
        current[2].append(args[i] if args[i].startswith("IG") else f"IG{int(args[i]):02d}")
        i += 1
    groups.append(current)
    keys = ["instructions", "slots", "loads", "stores", "folded", "rmw", "frame", "calls", "divides"]
    print(f"{'block':<28}" + "".join(f"{k:>13}" for k in keys))
    grand = dict.fromkeys(keys, 0)
    for path, method, blocks in groups:
        code = listing(path, method)
        order = blocks or list(code)
        sub = dict.fromkeys(keys, 0)
        for b in order:
            if b not in code:
                sys.exit(f"{method}: no block {b}")
            c = count(code[b])
            print(f"{method[-18:] + ' ' + b:<28}" + "".join(f"{c[k]:>13}" for k in keys))
            for k in keys:
                sub[k] += c[k]
        print(f"{'= ' + method[-24:]:<28}" + "".join(f"{sub[k]:>13}" for k in keys))
        for k in keys:
            grand[k] += sub[k]
    if len(groups) > 1:
        print(f"{'= path':<28}" + "".join(f"{grand[k]:>13}" for k in keys))


if __name__ == "__main__":
    main(sys.argv)
