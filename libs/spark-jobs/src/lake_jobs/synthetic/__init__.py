"""Synthetic bronze sources generated from the dataset contracts, clean and deliberately dirty."""

from lake_jobs.synthetic.generate import DatasetManifest, Manifest, generate

__all__ = ["DatasetManifest", "Manifest", "generate"]
