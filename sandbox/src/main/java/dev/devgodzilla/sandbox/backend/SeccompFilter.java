package dev.devgodzilla.sandbox.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The seccomp filter every sandboxed process runs under, as the classic BPF program bubblewrap loads with
 * {@code --seccomp}. It refuses, with EPERM, what a coding agent never needs and what widens the kernel
 * surface a sandbox can reach: new namespaces (nested user namespaces included), ptrace, the kernel keyring,
 * io_uring, mounting, module and kexec loading, bpf and perf events, userfaultfd. clone3 answers ENOSYS, so
 * the C library falls back to clone, whose namespace flags the filter can see. Another architecture's
 * system calls (x32, i386 on x86_64) are refused too. Only x86_64 and aarch64 have a filter.
 */
public final class SeccompFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ = 0x15;
    private static final int JGE = 0x35;
    private static final int JSET = 0x45;
    private static final int RET = 0x06;
    private static final int ALLOW = 0x7fff0000;
    private static final int ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET and NEWTIME. */
    private static final int CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000 | 0x00000080;
    private static final int X32_BIT = 0x40000000;

    /** The system call numbers of one architecture. */
    record Arch(int auditArch, int cloneNr, int clone3Nr, List<Integer> refused) {
    }

    private static final Arch X86_64 = new Arch(0xc000003e, 56, 435, List.of(
            272 /* unshare */, 308 /* setns */, 101 /* ptrace */, 248 /* add_key */, 249 /* request_key */,
            250 /* keyctl */, 425, 426, 427 /* io_uring_* */, 165 /* mount */, 166 /* umount2 */, 155 /* pivot_root */,
            428, 429, 430, 431, 432, 433 /* open_tree, move_mount, fsopen, fsconfig, fsmount, fspick */,
            321 /* bpf */, 298 /* perf_event_open */, 246, 320 /* kexec_load, kexec_file_load */,
            175, 313, 176 /* init_module, finit_module, delete_module */, 323 /* userfaultfd */));
    private static final Arch AARCH64 = new Arch(0xc00000b7, 220, 435, List.of(
            97 /* unshare */, 268 /* setns */, 117 /* ptrace */, 217 /* add_key */, 218 /* request_key */,
            219 /* keyctl */, 425, 426, 427 /* io_uring_* */, 40 /* mount */, 39 /* umount2 */, 41 /* pivot_root */,
            428, 429, 430, 431, 432, 433, 280 /* bpf */, 241 /* perf_event_open */, 104, 294 /* kexec_* */,
            105, 273, 106 /* modules */, 282 /* userfaultfd */));

    private SeccompFilter() {
    }

    /** The filter of the architecture this JVM runs on, if it has one. */
    static Optional<byte[]> forThisMachine() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(program(X86_64, true));
            case "aarch64", "arm64" -> Optional.of(program(AARCH64, false));
            default -> Optional.empty();
        };
    }

    /** Writes the filter to a file of its own, for bubblewrap to read on a file descriptor. */
    static Optional<Path> writeForThisMachine() throws IOException {
        Optional<byte[]> program = forThisMachine();
        if (program.isEmpty()) {
            return Optional.empty();
        }
        Path file = Files.createTempFile("dg-seccomp-", ".bpf");
        file.toFile().deleteOnExit();
        Files.write(file, program.get());
        return Optional.of(file);
    }

    static byte[] program(Arch arch, boolean hasX32) {
        ByteBuffer out = ByteBuffer.allocate(8 * (16 + 2 * arch.refused().size())).order(ByteOrder.LITTLE_ENDIAN);
        // another architecture's calls have other numbers: refuse them all
        insn(out, LD_W_ABS, 0, 0, 4);
        insn(out, JEQ, 1, 0, arch.auditArch());
        insn(out, RET, 0, 0, ERRNO | ENOSYS);
        insn(out, LD_W_ABS, 0, 0, 0);
        if (hasX32) {
            insn(out, JGE, 0, 1, X32_BIT);
            insn(out, RET, 0, 0, ERRNO | ENOSYS);
        }
        for (int nr : arch.refused()) {
            insn(out, JEQ, 0, 1, nr);
            insn(out, RET, 0, 0, ERRNO | EPERM);
        }
        insn(out, JEQ, 0, 1, arch.clone3Nr());
        insn(out, RET, 0, 0, ERRNO | ENOSYS);
        // clone: refused when it asks for a new namespace (its flags are the first argument)
        insn(out, JEQ, 0, 3, arch.cloneNr());
        insn(out, LD_W_ABS, 0, 0, 16);
        insn(out, JSET, 0, 1, CLONE_NEW_ANY);
        insn(out, RET, 0, 0, ERRNO | EPERM);
        insn(out, RET, 0, 0, ALLOW);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static void insn(ByteBuffer out, int code, int jt, int jf, int k) {
        out.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
