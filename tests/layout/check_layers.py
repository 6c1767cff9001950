#!/usr/bin/env python3
# check_layers.py — checks that qatspec's subsystems (harness/<sub>/ and parsers/) depend on each other only downward,
# in the order of ARCHITECTURE.md's ```layers block, from #include lines and (with --build) the archives' symbols (nm).
"""Check the layering of qatspec's subsystems.

Reads the ```layers and ```cycles fenced blocks of ROOT/ARCHITECTURE.md, then collects dependencies from
the quoted #include lines of harness/**/*.{c,h} and parsers/**/*.{c,h} and, with --build, from the symbols
of libqatspec_<sub>.a and libqat.a found under BUILD_DIR (nm). Fails (exit 1) on an upward or peer
dependency, a cycle between subsystems, a private header included from another subsystem, a file cycle
inside a subsystem not listed in the cycles block (or a listed one that no longer exists), a harness folder
not named in the layers block, a symbol defined twice. Exit 2: bad usage, no ARCHITECTURE.md or no layers block.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict, namedtuple

ARCH_FILE = "ARCHITECTURE.md"
PARSERS = "parsers"
SOURCE_EXTS = (".c", ".h")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})\s*([^\s`]*)")
CYCLE_RE = re.compile(r"^([\w.-]+)\s*:\s*(.*?)\s*(?:--\s*(.*))?$")
ARCHIVE_RE = re.compile(r"^lib(?:qatspec_(\w+)|qat)\.a$")
PUBLIC_RE = re.compile(r"^(\w+)\.h$")
UNDEFINED_TYPES = set("Uwv")
WEAK_TYPES = set("WV")
DEFINED_TYPES = set("TDBRCGSAIiu") | WEAK_TYPES

# An edge between two files: src and dst are repo-relative labels; kind is "include" or "symbol";
# detail is the #include's line number or the symbol's name.
Edge = namedtuple("Edge", "src dst kind detail")
Block = namedtuple("Block", "info line lines")  # a fenced block: info string, line of its fence, [(line_no, text)]
Cycle = namedtuple("Cycle", "sub files nodes reason line")  # a cycles block line; files: the names as listed
Architecture = namedtuple("Architecture", "path layers cycles")


class UsageError(Exception):
    """A problem with the command line or with ARCHITECTURE.md itself: exit 2."""


# ---------------------------------------------------------------------------------------------- ARCHITECTURE.md

def fenced_blocks(text):
    """Every fenced code block of a Markdown text, in order."""
    blocks, fence, current = [], None, None
    for no, line in enumerate(text.splitlines(), 1):
        match = FENCE_RE.match(line)
        if fence is None:
            if match:
                fence, current = match.group(1), Block(match.group(2), no, [])
        elif line.strip() and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
            blocks.append(current)
            fence = None
        else:
            current.lines.append((no, line))
    return blocks


def content_lines(block):
    """The non-blank, non-comment lines of a block, stripped."""
    return [(no, line.strip()) for no, line in block.lines if line.strip() and not line.strip().startswith("#")]


def the_block(blocks, info, path, required):
    """The one block with this info string (None if absent and not required)."""
    found = [b for b in blocks if b.info == info]
    if len(found) > 1:
        raise UsageError(f"{path}: {len(found)} ```{info} blocks (lines {', '.join(str(b.line) for b in found)}); "
                         f"expected exactly one")
    if not found and required:
        raise UsageError(f"{path}: no ```{info} fenced block; expected one listing the subsystems, one layer a line, "
                         f"top layer first, peers on the same line (e.g. 'emulator runner'), parsers last")
    return found[0] if found else None


def parse_layers(block, path):
    """The layers, top first: a list of lists of subsystem names."""
    layers, seen = [], {}
    for no, line in content_lines(block):
        names = line.split()
        for name in names:
            if name in seen:
                raise UsageError(f"{path}:{no}: '{name}' already named on line {seen[name]} of the layers block")
            seen[name] = no
        layers.append(names)
    if not layers:
        raise UsageError(f"{path}:{block.line}: the layers block is empty; expected the subsystems, top layer first")
    return layers


def parse_cycles(block, path):
    """The allowed file cycles: 'SUB: a.c b.c ... -- why', one a line."""
    cycles = []
    for no, line in content_lines(block) if block else []:
        match = CYCLE_RE.match(line)
        files = match.group(2).split() if match else []
        if len(files) < 2:
            raise UsageError(f"{path}:{no}: bad cycles line '{line}'; expected 'SUB: file1.c file2.c ... -- why'")
        nodes = frozenset(os.path.splitext(f)[0] for f in files)
        cycles.append(Cycle(match.group(1), tuple(files), nodes, match.group(3) or "", no))
    return cycles


def read_architecture(root):
    """The layers and allowed cycles stated in ROOT/ARCHITECTURE.md."""
    path = os.path.join(root, ARCH_FILE)
    if not os.path.isfile(path):
        raise UsageError(f"{path}: not found; expected the repository's {ARCH_FILE} with a ```layers fenced block "
                         f"listing the subsystems, top layer first")
    with open(path, encoding="utf-8", errors="replace") as f:
        blocks = fenced_blocks(f.read())
    layers = parse_layers(the_block(blocks, "layers", path, True), path)
    cycles = parse_cycles(the_block(blocks, "cycles", path, False), path)
    return Architecture(ARCH_FILE, layers, cycles)  # errors after this point name it relative to the root


# ----------------------------------------------------------------------------------------------------- the tree

class Tree:
    """The subsystems found on disk: folder and .c/.h files of each, and the origin (subsystem, node) of each file."""

    def __init__(self, root):
        self.root = root
        self.folders = {}      # subsystem -> repo-relative folder
        self.files = {}        # subsystem -> sorted repo-relative .c/.h paths
        self.origin = {}       # file label -> (subsystem, node); archive members are added by read_symbols
        self.loose = []        # .c/.h directly in harness/, in no subsystem
        self.empty = []        # folders under harness/ without any .c/.h

    def add(self, sub, folder):
        files = sources_under(self.root, folder)
        if not files:
            self.empty.append(folder)
            return
        self.folders[sub], self.files[sub] = folder, files
        for path in files:
            self.origin[path] = (sub, node_name(folder, path))

    def public(self, sub, path):
        """Whether another subsystem may include this file of sub."""
        if sub == PARSERS:
            return path.endswith(".h")
        return path == public_header(sub)


def public_header(sub):
    return f"harness/{sub}/{sub}.h"


def node_name(folder, path):
    """A file's node in its subsystem's file graph: its path under the folder, without .c/.h (a.c and a.h are one)."""
    rel = path[len(folder) + 1:]
    stem, ext = os.path.splitext(rel)
    return stem if ext in SOURCE_EXTS else rel


def sources_under(root, folder):
    """The .c/.h files under ROOT/folder (recursively), repo-relative, sorted."""
    found = []
    for dirpath, dirs, files in os.walk(os.path.join(root, folder)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        found += [f"{rel}/{f}" for f in files if f.endswith(SOURCE_EXTS)]
    return sorted(found)


def discover_tree(root):
    """Each folder under harness/ is a subsystem; parsers/ is the subsystem 'parsers'."""
    tree = Tree(root)
    harness = os.path.join(root, "harness")
    if not os.path.isdir(harness):
        raise UsageError(f"{harness}: not found; is --root the qatspec repository?")
    for entry in sorted(os.listdir(harness)):
        if os.path.isdir(os.path.join(harness, entry)) and not entry.startswith("."):
            tree.add(entry, f"harness/{entry}")
        elif entry.endswith(SOURCE_EXTS):
            tree.loose.append(f"harness/{entry}")
    if os.path.isdir(os.path.join(root, PARSERS)):
        tree.add(PARSERS, PARSERS)
    return tree


# ------------------------------------------------------------------------------------------- evidence: includes

def quoted_includes(path):
    """(line number, NAME) of each #include "NAME" of a file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for no, line in enumerate(f, 1):
            match = INCLUDE_RE.match(line)
            if match:
                yield no, match.group(1)


def resolve_include(tree, src, name):
    """The repo-relative file an #include "name" of src names, or (None, why)."""
    relative = os.path.normpath(os.path.join(os.path.dirname(src), name)).replace(os.sep, "/")
    if os.path.isfile(os.path.join(tree.root, relative)):
        return relative, None
    public = PUBLIC_RE.match(name)
    if public and public.group(1) in tree.folders and public_header(public.group(1)) in tree.origin:
        return public_header(public.group(1)), None
    if f"{PARSERS}/{name}" in tree.origin:
        return f"{PARSERS}/{name}", None
    # Not in the stated search order, but found through an include path: still resolved, so that a private
    # header reached as "arena.h" or "util/arena.h" is caught rather than waved through as unresolved.
    matches = [p for p in tree.origin if p.endswith("/" + name)]
    if len(matches) == 1:
        return matches[0], None
    if matches:
        return None, f"ambiguous: {', '.join(matches)}"
    return None, "not in the source tree (generated in the build tree?)"


def include_edges(tree, warnings):
    """An Edge for each quoted #include of every file of every subsystem that names a file of a subsystem."""
    edges = []
    for path in sorted(tree.origin):
        for no, name in quoted_includes(os.path.join(tree.root, path)):
            target, why = resolve_include(tree, path, name)
            if target is None:
                warnings.append(f"unresolved include: {path}:{no} includes \"{name}\": {why}")
            elif target not in tree.origin:
                warnings.append(f"include outside the subsystems: {path}:{no} includes {target}")
            else:
                edges.append(Edge(path, target, "include", no))
    return edges


# -------------------------------------------------------------------------------------------- evidence: symbols

def find_archives(build, root):
    """subsystem -> path of its archive under BUILD_DIR (libqatspec_<sub>.a, libqat.a for parsers)."""
    found = {}
    for dirpath, dirs, files in os.walk(build):
        dirs.sort()
        for name in sorted(files):
            match = ARCHIVE_RE.match(name)
            if not match:
                continue
            sub, path = match.group(1) or PARSERS, os.path.join(dirpath, name)
            if sub in found:
                raise UsageError(f"{name} found twice under {build}: {display(found[sub], root)} and "
                                 f"{display(path, root)}; pass one build directory")
            found[sub] = path
    if not found:
        raise UsageError(f"{build}: no libqatspec_<sub>.a or libqat.a under it; is the project built there?")
    return found


def display(path, root):
    """A path relative to the repository root when it is inside it."""
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def nm_symbols(nm, paths, warnings):
    """(archive, member, symbol, type letter) of each external symbol of the archives, from one nm -A -P -g."""
    result = subprocess.run([nm, "-A", "-P", "-g", *paths], capture_output=True, text=True)
    if result.returncode != 0:
        warnings.append(f"nm: exit {result.returncode}: {result.stderr.strip()[:300]}")
    wanted = set(paths)
    for line in result.stdout.splitlines():
        where, _, rest = line.partition("]: ")  # archive[member]: symbol type value size
        archive, _, member = where.rpartition("[")
        fields = rest.split()
        if archive in wanted and len(fields) >= 2:
            yield archive, member, fields[0], fields[1]


def member_label(tree, sub, member, archive):
    """The source file a member (e.g. sockets.c.o) was compiled from, or archive(member) if there is none."""
    source = member[:-2] if member.endswith(".o") else member
    matches = [p for p in tree.files.get(sub, []) if os.path.basename(p) == source]
    if len(matches) == 1:
        return matches[0]
    label = f"{display(archive, tree.root)}({member})"
    tree.origin.setdefault(label, (sub, os.path.splitext(source)[0]))
    return label


def read_symbols(tree, archives, nm, warnings):
    """Definitions (symbol -> [(label, weak)]), references [(label, symbol)] and object count of each subsystem."""
    defs, refs, objects = defaultdict(list), [], defaultdict(set)
    sub_of = {path: sub for sub, path in archives.items()}
    for archive, member, symbol, kind in nm_symbols(nm, sorted(sub_of), warnings):
        sub = sub_of[archive]
        label = member_label(tree, sub, member, archive)
        objects[sub].add(label)
        if kind in UNDEFINED_TYPES:
            refs.append((label, symbol))
        elif kind in DEFINED_TYPES:
            defs[symbol].append((label, kind in WEAK_TYPES))
    return defs, refs, objects


def symbol_edges(defs, refs):
    """An Edge from each object referring to a symbol to the object defining it (strong definitions first)."""
    edges = []
    for label, symbol in refs:
        definitions = defs.get(symbol, [])
        strong = [d for d, weak in definitions if not weak]
        for target in strong or [d for d, _ in definitions]:
            if target != label:
                edges.append(Edge(label, target, "symbol", symbol))
    return edges


def duplicate_errors(defs):
    """A symbol with a strong definition in two objects is a mistake."""
    errors = []
    for symbol in sorted(defs):
        strong = sorted({d for d, weak in defs[symbol] if not weak})
        if len(strong) > 1:
            errors.append(f"duplicate definition of {symbol}: {' and '.join(strong)}")
    return errors


# ------------------------------------------------------------------------------------------------------- graphs

def strongly_connected(nodes, successors):
    """Tarjan's strongly connected components of a graph, each a sorted list."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(successors.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            components.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return components


def cycle_through(start, successors, members):
    """A shortest cycle start -> ... -> start staying inside members (breadth first)."""
    parent, frontier = {}, [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(successors.get(node, ())):
                if nxt not in members or nxt in parent:
                    continue
                parent[nxt] = node
                if nxt == start:
                    return path_back(parent, start)
                following.append(nxt)
        frontier = following
    return [start]


def path_back(parent, start):
    path, node = [start], parent[start]
    while node != start:
        path.append(node)
        node = parent[node]
    path.append(start)
    return path[::-1]


def longest_chain(edges):
    """The longest include chain between files: back edges of a depth-first walk dropped, then longest DAG path."""
    successors = defaultdict(set)
    for edge in edges:
        successors[edge.src].add(edge.dst)
    dag = drop_back_edges(successors)
    best = {}

    def longest_from(node):
        if node not in best:
            best[node] = [node]
            for nxt in sorted(dag.get(node, ())):
                candidate = [node] + longest_from(nxt)
                if len(candidate) > len(best[node]):
                    best[node] = candidate
        return best[node]

    chains = [longest_from(node) for node in sorted(successors)]
    return max(chains, key=len, default=[])


def drop_back_edges(successors):
    """The graph without the edges that close a cycle in a depth-first walk (so a DAG)."""
    state, dag = {}, defaultdict(set)

    def walk(node):
        state[node] = "open"
        for nxt in sorted(successors.get(node, ())):
            if state.get(nxt) == "open":
                continue
            dag[node].add(nxt)
            if nxt not in state:
                walk(nxt)
        state[node] = "done"

    for node in sorted(successors):
        if node not in state:
            walk(node)
    return dag


# ------------------------------------------------------------------------------------------------------- checks

class Graphs:
    """Subsystem edges and, per subsystem, file-node edges, each with the Edges that show it."""

    def __init__(self, tree, edges):
        self.subs = defaultdict(list)                        # (A, B) -> [Edge]
        self.files = defaultdict(lambda: defaultdict(list))  # sub -> (node a, node b) -> [Edge]
        for edge in edges:
            (a, node_a), (b, node_b) = tree.origin[edge.src], tree.origin[edge.dst]
            if a != b:
                self.subs[(a, b)].append(edge)
            elif node_a != node_b:
                self.files[a][(node_a, node_b)].append(edge)

    def successors(self, pairs):
        succ = defaultdict(set)
        for a, b in pairs:
            succ[a].add(b)
        return succ


def describe(edge):
    """'src -> dst (why)' for an error message."""
    why = f"#include, line {edge.detail}" if edge.kind == "include" else edge.detail
    return f"{edge.src} -> {edge.dst} ({why})"


def layer_index(arch):
    return {name: i for i, names in enumerate(arch.layers) for name in names}


def folder_errors(tree, arch):
    """Harness folders not in the layers block, named subsystems that do not exist, missing public headers."""
    named, errors = layer_index(arch), []
    for sub in sorted(tree.folders):
        if sub not in named:
            errors.append(f"{tree.folders[sub]}/ is not named in {ARCH_FILE}'s layers block; add it to its layer")
        elif sub != PARSERS and public_header(sub) not in tree.origin:
            errors.append(f"{public_header(sub)} is missing: the public header of subsystem {sub}")
    for name in sorted(set(named) - set(tree.folders)):
        where = f"{PARSERS}/" if name == PARSERS else f"harness/{name}/"
        errors.append(f"{ARCH_FILE}'s layers block names {name}, but {where} does not exist (or holds no .c/.h)")
    return errors


def private_errors(tree, edges):
    errors = []
    for edge in edges:
        (a, _), (b, _) = tree.origin[edge.src], tree.origin[edge.dst]
        if edge.kind == "include" and a != b and not tree.public(b, edge.dst):
            hint = "any parsers/qat_*.h" if b == PARSERS else f"{b}.h"
            errors.append(f"{edge.src}:{edge.detail} includes {edge.dst}, private to subsystem {b}; include {hint}")
    return errors


def direction_errors(graphs, arch):
    """An error for each file edge from a subsystem to a peer or to a higher layer."""
    layer, errors = layer_index(arch), []
    for (a, b), edges in sorted(graphs.subs.items()):
        if a not in layer or b not in layer or layer[b] > layer[a]:
            continue
        if layer[b] == layer[a]:
            why = f"{a} and {b} are peers (one layer) and may not depend on each other"
        else:
            why = f"{a} may not depend on {b} ({b} is on a higher layer)"
        errors += [f"{describe(edge)}: {why}" for edge in edges]
    return errors


def subsystem_cycle_errors(graphs, arch):
    layer, errors = layer_index(arch), []
    succ = graphs.successors(graphs.subs)
    for component in strongly_connected(set(succ) | {b for _, b in graphs.subs}, succ):
        if len(component) > 1:
            start = min(component, key=lambda s: (layer.get(s, -1), s))
            path = cycle_through(start, succ, set(component))
            hops = "; ".join(describe(graphs.subs[(x, y)][0]) for x, y in zip(path, path[1:]))
            errors.append(f"cycle between subsystems {' -> '.join(path)}: {hops}")
    return errors


def file_cycles(graphs, sub):
    """The file cycles (strongly connected components of more than one node) of one subsystem."""
    pairs = graphs.files.get(sub, {})
    succ = graphs.successors(pairs)
    return [c for c in strongly_connected(set(succ), succ) if len(c) > 1], succ


def cycle_hops(graphs, sub, component, succ):
    """'a -> b (why); b -> a (why)' showing one cycle of a component."""
    path = cycle_through(component[0], succ, set(component))
    return "; ".join(describe(graphs.files[sub][(x, y)][0]) for x, y in zip(path, path[1:]))


def listing_for(tree, sub, component):
    """How the cycles block would list a component: 'sub: a.c b.c'."""
    names = []
    for node in component:
        stems = [p for p in tree.files.get(sub, []) if tree.origin[p] == (sub, node)]
        c_files = [p for p in stems if p.endswith(".c")]
        names.append(os.path.basename((c_files or stems or [node])[0]))
    return f"{sub}: {' '.join(names)}"


def file_cycle_errors(tree, graphs, arch, exact, warnings):
    """Each file cycle found must be listed (exactly; includes only: inside a listed one), each listed one found."""
    errors, matched = missing_listed_files(tree, arch), set()
    for sub in sorted(tree.folders):
        listed = [c for c in arch.cycles if c.sub == sub]
        components, succ = file_cycles(graphs, sub)
        for component in components:
            nodes = frozenset(component)
            fits = [c for c in listed if c.nodes == nodes or (not exact and nodes <= c.nodes)]
            overlapping = fits or [c for c in listed if c.nodes & nodes]
            matched.update(overlapping)
            if not fits:
                errors.append(unlisted_cycle(tree, graphs, arch, sub, component, succ, overlapping))
    unmatched = [c for c in arch.cycles if c not in matched and c.sub in tree.folders and all_listed_exist(tree, c)]
    for cycle in unmatched:
        listed = f"{arch.path}:{cycle.line}: listed cycle {cycle.sub}: {' '.join(cycle.files)}"
        if exact:
            errors.append(f"{listed} no longer exists; remove it from the cycles block")
        else:
            warnings.append(f"{listed} is not seen in the #include lines (it may be in the symbols: pass --build)")
    return errors


def unlisted_cycle(tree, graphs, arch, sub, component, succ, overlapping):
    """The error for a file cycle that no entry of the cycles block lists exactly."""
    hops = cycle_hops(graphs, sub, component, succ)
    found = f"{{{', '.join(component)}}}"
    if overlapping:
        other = overlapping[0]
        return (f"file cycle in {tree.folders[sub]}/ among {found}, but {arch.path}:{other.line} lists "
                f"{{{', '.join(sorted(other.nodes))}}}: {hops}; list '{listing_for(tree, sub, component)} -- why'")
    return (f"file cycle in {tree.folders[sub]}/ not listed in {ARCH_FILE}'s cycles block, among {found}: {hops}; "
            f"break it or list it as '{listing_for(tree, sub, component)} -- why'")


def missing_listed_files(tree, arch):
    errors = []
    for cycle in arch.cycles:
        if cycle.sub not in tree.folders:
            errors.append(f"{arch.path}:{cycle.line}: cycles block names subsystem {cycle.sub}, which does not exist")
            continue
        for name in cycle.files:
            if f"{tree.folders[cycle.sub]}/{name}" not in tree.origin:
                errors.append(f"{arch.path}:{cycle.line}: listed cycle names {tree.folders[cycle.sub]}/{name}, "
                              f"which does not exist (stale listing)")
    return errors


def all_listed_exist(tree, cycle):
    return all(f"{tree.folders[cycle.sub]}/{name}" in tree.origin for name in cycle.files)


# ------------------------------------------------------------------------------------------------------- report

def print_report(tree, arch, graphs, edges, objects, archives, build):
    print(f"check_layers: {tree.root}/{arch.path}")
    if build is None:
        print("evidence: #include lines only (no --build given: symbols not checked)")
    else:
        print(f"evidence: #include lines and the symbols of {len(archives)} archives under {build}")
    print_layers(tree, arch, objects, archives, build)
    print_edges(graphs, arch)
    chain = longest_chain([e for e in edges if e.kind == "include"])
    print(f"longest include chain ({max(len(chain) - 1, 0)} includes): {' -> '.join(chain) or 'none'}")
    print_cycles(arch)


def print_layers(tree, arch, objects, archives, build):
    print("layers (top first; each may depend only on the lines below it):")
    for i, names in enumerate(arch.layers, 1):
        parts = [f"{name} ({subsystem_size(tree, name, objects, archives, build)})" for name in names]
        print(f"  {i:2}  {', '.join(parts)}" + ("   [peers]" if len(names) > 1 else ""))


def subsystem_size(tree, name, objects, archives, build):
    size = f"{len(tree.files.get(name, []))} files"
    if build is not None:
        size += f", {len(objects.get(name, ()))} objects" if name in archives else ", no archive"
    return size


def print_edges(graphs, arch):
    layer = layer_index(arch)
    order = sorted(graphs.subs, key=lambda p: (layer.get(p[0], -1), p[0], layer.get(p[1], -1), p[1]))
    print(f"subsystem edges ({len(order)}):")
    for a, b in order:
        kinds = defaultdict(int)
        for edge in graphs.subs[(a, b)]:
            kinds[edge.kind] += 1
        seen = "both" if len(kinds) == 2 else next(iter(kinds))
        counts = ", ".join(f"{kinds[k]} {k}" for k in ("include", "symbol") if kinds[k])
        print(f"  {a + ' -> ' + b:28} {seen:8} {counts}")


def print_cycles(arch):
    print(f"file cycles allowed ({ARCH_FILE} cycles block): {'none' if not arch.cycles else len(arch.cycles)}")
    for cycle in arch.cycles:
        print(f"  {cycle.sub}: {' '.join(cycle.files)}" + (f" -- {cycle.reason}" if cycle.reason else ""))


# --------------------------------------------------------------------------------------------------------- main

def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Check that qatspec's subsystems depend on each other only downward, as ARCHITECTURE.md's "
                    "```layers block states, from #include lines and (with --build) linker symbols.",
        epilog="exit 0: layering holds; 1: violations (listed after the report); 2: usage or ARCHITECTURE.md error")
    parser.add_argument("--root", required=True, metavar="REPO",
                        help="the repository (holds ARCHITECTURE.md, harness/, parsers/)")
    parser.add_argument("--build", metavar="BUILD_DIR",
                        help="a build directory: its libqatspec_<sub>.a and libqat.a are read with nm")
    parser.add_argument("--nm", default=os.environ.get("NM", "nm"), help="the nm program (default: $NM or nm)")
    return parser.parse_args(argv)


def collect(args, tree, warnings, errors):
    """All Edges (includes, and symbols with --build); the objects per subsystem and the archives."""
    edges = include_edges(tree, warnings)
    objects, archives = {}, {}
    if args.build is not None:
        if not os.path.isdir(args.build):
            raise UsageError(f"{args.build}: --build is not a directory")
        if shutil.which(args.nm) is None:
            raise UsageError(f"{args.nm}: not found; install binutils or pass --nm")
        archives = {s: p for s, p in find_archives(args.build, tree.root).items() if keep_archive(s, p, tree, warnings)}
        defs, refs, objects = read_symbols(tree, archives, args.nm, warnings)
        edges += symbol_edges(defs, refs)
        errors += duplicate_errors(defs)
    return edges, objects, archives


def keep_archive(sub, path, tree, warnings):
    if sub in tree.folders:
        return True
    warnings.append(f"{display(path, tree.root)} ignored: {sub} is not a subsystem folder")
    return False


def check(args):
    arch = read_architecture(args.root)
    tree = discover_tree(args.root)
    warnings = [f"{path} is in no subsystem folder; not checked" for path in tree.loose]
    warnings += [f"{folder}/ holds no .c/.h; not a subsystem" for folder in tree.empty]
    errors = folder_errors(tree, arch)
    edges, objects, archives = collect(args, tree, warnings, errors)
    graphs = Graphs(tree, edges)
    errors += private_errors(tree, edges)
    errors += direction_errors(graphs, arch)
    errors += subsystem_cycle_errors(graphs, arch)
    errors += file_cycle_errors(tree, graphs, arch, args.build is not None, warnings)
    print_report(tree, arch, graphs, edges, objects, archives, args.build)
    for line in warnings:
        print(f"warning: {line}")
    for line in errors:
        print(f"error: {line}")
    print(f"FAILED: {len(errors)} errors" if errors else "OK: the layering holds")
    return 1 if errors else 0


def main(argv):
    args = parse_args(argv)
    args.root = os.path.abspath(args.root)
    args.build = os.path.abspath(args.build) if args.build is not None else None
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    try:
        return check(args)
    except UsageError as problem:
        print(f"check_layers: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
