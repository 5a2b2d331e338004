package dev.devgodzilla.sandbox.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a process's output on until the shared {@link OutputBudget} is spent, then reports end of stream. */
public final class CappedInputStream extends FilterInputStream {

    private final OutputBudget budget;
    private boolean done;

    public CappedInputStream(InputStream in, OutputBudget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done || budget.exceeded()) {
            done = true;
            return -1;
        }
        int n = super.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        int allowed = budget.take(n);
        if (allowed == 0) {
            done = true;
            return -1;
        }
        return allowed;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes count against the budget like read ones
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int r = buf.length == 0 ? 0 : read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public int available() throws IOException {
        return done ? 0 : super.available();
    }
}
