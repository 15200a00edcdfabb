"""Image pipeline throughput: cold (every rendition encoded on the pool) and warm (none).

    .venv/bin/python bench/images.py [--count 24] [--size 2400x1600]

Generates `count` synthetic photos (deterministic noise and gradients, with
EXIF), runs the same planning and pool as a build into an empty cache, then
again into the warm cache. Prints images/second, renditions/second and CPU
use of the pool. Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
from pathlib import Path

from PIL import Image

from vitrine.images.pipeline import Cache, Settings
from vitrine.images.pool import close_pool
from vitrine.images.service import ImageService
from vitrine.model.images import inspect


def synthetic_photo(path: Path, size: tuple[int, int], seed: int) -> None:
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    photo = Image.blend(base, noise, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "BenchCamera"
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92, exif=exif)
    path.write_bytes(out.getvalue())


def run(cache: Cache, sources: list[Path]) -> tuple[float, float, int]:
    service = ImageService(cache)
    start = time.perf_counter()
    items = [(f"media/bench/{i}", inspect(path), "photo") for i, path in enumerate(sources)]
    service.publish(items, Settings())  # type: ignore[arg-type]
    service.collect()
    wall = time.perf_counter() - start
    return wall, _pool_cpu(), service.encoded


def _pool_cpu() -> float:
    """CPU seconds of this process and of its living children (the pool's workers), from /proc."""
    total = 0.0
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for child in Path("/proc").iterdir():
        if child.name.isdigit():
            try:
                stat = (child / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid():
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--size", default="2400x1600")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = []
        for i in range(args.count):
            path = folder / f"photo-{i:03d}.jpg"
            synthetic_photo(path, (width, height), i)
            sources.append(path)
        cache = Cache(folder / "cache")
        cpu_before = _pool_cpu()
        cold_wall, cpu_after, cold_encoded = run(cache, sources)
        warm_wall, _, warm_encoded = run(cache, sources)
        close_pool()
    renditions = cold_encoded
    print("| run | images | renditions encoded | wall (s) | images/s | renditions/s | CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| cold | {args.count} | {renditions} | {cold_wall:.2f} | {args.count / cold_wall:.1f} | "
        f"{renditions / cold_wall:.1f} | {cpu_after - cpu_before:.1f} |"
    )
    print(f"| warm | {args.count} | {warm_encoded} | {warm_wall:.2f} | {args.count / warm_wall:.1f} | - | - |")
    print(f"\nworkers: {os.cpu_count()}, source {width}x{height} JPEG, widths {Settings().widths}, WebP + JPEG")


if __name__ == "__main__":
    main()
