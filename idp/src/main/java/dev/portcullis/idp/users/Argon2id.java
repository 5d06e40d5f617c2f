package dev.portcullis.idp.users;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.util.Pack;

/**
 * Argon2id, version 0x13 (RFC 9106), computed in memory that this object keeps from one hash to the next.
 * BouncyCastle's {@code Argon2BytesGenerator} allocates its memory (7,168 blocks of 1 KiB at our cost) anew for
 * every hash and holds it for the whole hash, long enough to be promoted out of a small young generation; reusing
 * it makes a hash allocate almost nothing. BouncyCastle's Blake2b does the hashing around the memory-hard part.
 * <p>
 * Not thread-safe: one hash at a time per instance ({@link Argon2idPasswordEncoder} keeps a few).
 */
final class Argon2id {

	static final int VERSION = 0x13;

	private static final int TYPE = 2;

	/** A block is 1 KiB: 128 little-endian 64-bit words. */
	private static final int WORDS = 128;

	private static final int SLICES = 4;

	/** Blocks, one after another: block i is {@code memory[i * WORDS .. (i + 1) * WORDS)}. */
	private final long[] memory;

	// Scratch blocks of the compression function and of Argon2id's data-independent addressing.
	private final long[] r = new long[WORDS];

	private final long[] q = new long[WORDS];

	private final long[] input = new long[WORDS];

	private final long[] addresses = new long[WORDS];

	private static final long[] ZERO = new long[WORDS];

	/** Memory for hashes of at most {@code maxBlocks} KiB. */
	Argon2id(int maxBlocks) {
		this.memory = new long[maxBlocks * WORDS];
	}

	/**
	 * Whether an instance made with {@code maxBlocks} can hash with these settings. BouncyCastle also takes
	 * {@code memoryKiB} below 8 per lane (and rounds it up); none of our hashes have that.
	 */
	static boolean fits(int memoryKiB, int passes, int lanes, int maxBlocks) {
		return lanes >= 1 && passes >= 1 && memoryKiB >= 8 * lanes && memoryKiB <= maxBlocks;
	}

	/**
	 * The tag of RFC 9106, section 3.2, for settings that {@link #fits}. {@code secret} and {@code associated} may
	 * be empty (they are, for passwords).
	 */
	byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKiB, int passes, int lanes,
			int tagLength) {
		if (!fits(memoryKiB, passes, lanes, this.memory.length / WORDS) || tagLength < 4) {
			throw new IllegalArgumentException("Argon2id settings out of range");
		}
		int laneLength = memoryKiB / (SLICES * lanes) * SLICES;
		int segmentLength = laneLength / SLICES;
		int blocks = laneLength * lanes;

		Blake2bDigest h0 = new Blake2bDigest(512);
		for (int value : new int[] { lanes, tagLength, memoryKiB, passes, VERSION, TYPE }) {
			addInt(h0, value);
		}
		for (byte[] bytes : new byte[][] { password, salt, secret, associated }) {
			addInt(h0, bytes.length);
			h0.update(bytes, 0, bytes.length);
		}
		byte[] seed = new byte[64 + 8];
		h0.doFinal(seed, 0);

		byte[] block = new byte[WORDS * 8];
		for (int lane = 0; lane < lanes; lane++) {
			for (int column = 0; column < 2; column++) {
				Pack.intToLittleEndian(column, seed, 64);
				Pack.intToLittleEndian(lane, seed, 68);
				variableHash(seed, block);
				Pack.littleEndianToLong(block, 0, this.memory, (lane * laneLength + column) * WORDS, WORDS);
			}
		}

		// Lanes one after another: a segment refers only to other lanes' finished slices, so this gives what
		// parallel lanes give (BouncyCastle does the same).
		for (int pass = 0; pass < passes; pass++) {
			for (int slice = 0; slice < SLICES; slice++) {
				for (int lane = 0; lane < lanes; lane++) {
					fillSegment(pass, slice, lane, lanes, laneLength, segmentLength, blocks, passes);
				}
			}
		}

		long[] last = this.r;
		System.arraycopy(this.memory, (laneLength - 1) * WORDS, last, 0, WORDS);
		for (int lane = 1; lane < lanes; lane++) {
			int offset = (lane * laneLength + laneLength - 1) * WORDS;
			for (int i = 0; i < WORDS; i++) {
				last[i] ^= this.memory[offset + i];
			}
		}
		Pack.longToLittleEndian(last, block, 0);
		byte[] tag = new byte[tagLength];
		variableHash(block, tag);
		// As BouncyCastle does: the blocks would otherwise stay in the heap until the next hash (about 0.3 ms).
		Arrays.fill(this.memory, 0, blocks * WORDS, 0);
		Arrays.fill(this.r, 0);
		Arrays.fill(this.q, 0);
		return tag;
	}

	/** RFC 9106, section 3.4: fills one segment, choosing each reference block as Argon2id does. */
	private void fillSegment(int pass, int slice, int lane, int lanes, int laneLength, int segmentLength, int blocks,
			int passes) {
		// Argon2id takes reference positions from a keystream (Argon2i) in the first half of the first pass, to
		// resist side channels, and from the previous block (Argon2d) after that, to resist trade-off attacks.
		boolean independent = pass == 0 && slice < SLICES / 2;
		if (independent) {
			long[] in = this.input;
			Arrays.fill(in, 0);
			in[0] = pass;
			in[1] = lane;
			in[2] = slice;
			in[3] = blocks;
			in[4] = passes;
			in[5] = TYPE;
		}
		// The first two blocks of each lane were made from the seed.
		int start = (pass == 0 && slice == 0) ? 2 : 0;
		if (independent && start != 0) {
			nextAddresses();
		}
		int laneStart = lane * laneLength;
		for (int index = start; index < segmentLength; index++) {
			int column = slice * segmentLength + index;
			int prev = laneStart + (column == 0 ? laneLength - 1 : column - 1);
			long random;
			if (independent) {
				if (index % WORDS == 0) {
					nextAddresses();
				}
				random = this.addresses[index % WORDS];
			}
			else {
				random = this.memory[prev * WORDS];
			}
			// The first slice of the first pass may only refer to its own lane: the others are still being made.
			int refLane = (pass == 0 && slice == 0) ? lane : (int) ((random >>> 32) % lanes);
			int refColumn = referenceColumn(pass, slice, index, random & 0xFFFFFFFFL, refLane == lane, laneLength,
					segmentLength);
			fill(prev, refLane * laneLength + refColumn, laneStart + column, pass > 0);
		}
	}

	/** RFC 9106, section 3.4.2: maps J1 onto the blocks that are done and may be referred to. */
	private static int referenceColumn(int pass, int slice, int index, long j1, boolean sameLane, int laneLength,
			int segmentLength) {
		long finished = (pass == 0) ? (long) slice * segmentLength : laneLength - segmentLength;
		// In its own lane a block may refer to the blocks before it in its segment, except the one just before
		// (that one is its other input); in another lane it may not refer to that lane's block just before it.
		long area = sameLane ? finished + index - 1 : finished + (index == 0 ? -1 : 0);
		long x = (j1 * j1) >>> 32;
		long relative = area - 1 - ((area * x) >>> 32);
		long startColumn = (pass == 0 || slice == SLICES - 1) ? 0 : (long) (slice + 1) * segmentLength;
		return (int) ((startColumn + relative) % laneLength);
	}

	/** The next 128 reference positions of the data-independent part: G(0, G(0, input)) with a new counter. */
	private void nextAddresses() {
		this.input[6]++;
		compress(ZERO, 0, this.input, 0, this.addresses, 0, false);
		compress(ZERO, 0, this.addresses, 0, this.addresses, 0, false);
	}

	/** Block {@code to} = G(block {@code prev}, block {@code ref}), XORed into it after the first pass (v1.3). */
	private void fill(int prev, int ref, int to, boolean withXor) {
		compress(this.memory, prev * WORDS, this.memory, ref * WORDS, this.memory, to * WORDS, withXor);
	}

	/** RFC 9106, section 3.5: the compression function G; {@code out} may be one of the inputs. */
	private void compress(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, boolean withXor) {
		long[] r = this.r;
		long[] q = this.q;
		for (int i = 0; i < WORDS; i++) {
			r[i] = x[xOff + i] ^ y[yOff + i];
		}
		System.arraycopy(r, 0, q, 0, WORDS);
		// P on the eight rows of 16 words, then on the eight columns of 2-word registers.
		for (int i = 0; i < 8; i++) {
			permute(q, 16 * i, 2);
		}
		for (int i = 0; i < 8; i++) {
			permute(q, 2 * i, 16);
		}
		if (withXor) {
			for (int i = 0; i < WORDS; i++) {
				out[outOff + i] ^= q[i] ^ r[i];
			}
		}
		else {
			for (int i = 0; i < WORDS; i++) {
				out[outOff + i] = q[i] ^ r[i];
			}
		}
	}

	/**
	 * RFC 9106, section 3.6: the permutation P on 16 words v0..v15 at {@code b[o + (k / 2) * s + k % 2]}: s = 2 for
	 * a row (16 consecutive words), s = 16 for a column.
	 */
	private static void permute(long[] b, int o, int s) {
		int v0 = o, v1 = o + 1, v2 = o + s, v3 = v2 + 1, v4 = o + 2 * s, v5 = v4 + 1, v6 = o + 3 * s, v7 = v6 + 1;
		int v8 = o + 4 * s, v9 = v8 + 1, v10 = o + 5 * s, v11 = v10 + 1, v12 = o + 6 * s, v13 = v12 + 1;
		int v14 = o + 7 * s, v15 = v14 + 1;
		mix(b, v0, v4, v8, v12);
		mix(b, v1, v5, v9, v13);
		mix(b, v2, v6, v10, v14);
		mix(b, v3, v7, v11, v15);
		mix(b, v0, v5, v10, v15);
		mix(b, v1, v6, v11, v12);
		mix(b, v2, v7, v8, v13);
		mix(b, v3, v4, v9, v14);
	}

	/** RFC 9106, section 3.6: GB, Blake2b's G with multiplications (BlaMka) to cost an attacker more. */
	private static void mix(long[] v, int a, int b, int c, int d) {
		long va = v[a], vb = v[b], vc = v[c], vd = v[d];
		va = blaMka(va, vb);
		vd = Long.rotateRight(vd ^ va, 32);
		vc = blaMka(vc, vd);
		vb = Long.rotateRight(vb ^ vc, 24);
		va = blaMka(va, vb);
		vd = Long.rotateRight(vd ^ va, 16);
		vc = blaMka(vc, vd);
		vb = Long.rotateRight(vb ^ vc, 63);
		v[a] = va;
		v[b] = vb;
		v[c] = vc;
		v[d] = vd;
	}

	private static long blaMka(long x, long y) {
		return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
	}

	/** RFC 9106, section 3.3: H', Blake2b stretched to {@code out.length} bytes. */
	private static void variableHash(byte[] in, byte[] out) {
		byte[] length = Pack.intToLittleEndian(out.length);
		if (out.length <= 64) {
			Blake2bDigest digest = new Blake2bDigest(out.length * 8);
			digest.update(length, 0, 4);
			digest.update(in, 0, in.length);
			digest.doFinal(out, 0);
			return;
		}
		// V1 = H(len || in), V(i+1) = H(V(i)); the output is the first half of V1..Vr and all of V(r+1).
		int r = (out.length + 31) / 32 - 2;
		Blake2bDigest digest = new Blake2bDigest(512);
		byte[] v = new byte[64];
		digest.update(length, 0, 4);
		digest.update(in, 0, in.length);
		digest.doFinal(v, 0);
		for (int i = 1; i < r; i++) {
			System.arraycopy(v, 0, out, (i - 1) * 32, 32);
			digest.update(v, 0, 64);
			digest.doFinal(v, 0);
		}
		System.arraycopy(v, 0, out, (r - 1) * 32, 32);
		Blake2bDigest last = new Blake2bDigest((out.length - 32 * r) * 8);
		last.update(v, 0, 64);
		last.doFinal(out, 32 * r);
	}

	private static void addInt(Blake2bDigest digest, int value) {
		digest.update(Pack.intToLittleEndian(value), 0, 4);
	}

}
