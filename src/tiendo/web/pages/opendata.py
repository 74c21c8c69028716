"""Page: open data, its downloads and its data dictionary."""

from __future__ import annotations

from fastapi import APIRouter, Request

from tiendo.export import opendata
from tiendo.web.api.v1.opendata import dataset_response
from tiendo.web.templating import render

router = APIRouter()


@router.get("/du-lieu-mo")
def opendata_page(request: Request):
    return render(request, "exports/opendata.html", {"datasets": list(opendata.DATASETS.values())})


@router.get("/du-lieu-mo/{dataset}.{fmt}")
def opendata_file(dataset: str, fmt: str, request: Request):
    return dataset_response(request, dataset, fmt)
