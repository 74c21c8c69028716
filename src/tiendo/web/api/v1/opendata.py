"""/api/v1/open-data: published data as CSV (UTF-8 with BOM) or JSON, and its dictionary."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from tiendo.errors import NotFound
from tiendo.export import opendata

router = APIRouter(prefix="/open-data", tags=["Dữ liệu mở"])


class ColumnOut(BaseModel):
    name: str
    type: str = Field(description="integer, number, string, date, datetime hoặc boolean")
    description: str


class DatasetOut(BaseModel):
    slug: str
    title: str
    description: str
    has_data: bool = Field(description="false khi bộ dữ liệu chưa có số liệu")
    csv_url: str
    json_url: str
    columns: list[ColumnOut]


def dataset_response(request: Request, slug: str, fmt: str) -> StreamingResponse:
    """Stream a dataset; the rows are read in the thread pool, chunk by chunk."""
    dataset = opendata.get_dataset(slug)
    if fmt not in opendata.FORMATS:
        raise NotFound(f"Không có định dạng “{fmt}”: chọn csv hoặc json.")
    runtime = request.app.state.runtime
    body = opendata.stream(
        runtime.session_factory, dataset.slug, fmt, base_url=runtime.settings.base_url
    )
    return StreamingResponse(
        body,
        media_type=opendata.FORMATS[fmt],
        headers={
            "content-disposition": f'attachment; filename="{opendata.file_name(slug, fmt)}"',
            "cache-control": "public, max-age=300",
        },
    )


@router.get(
    "", response_model=list[DatasetOut], summary="Danh mục bộ dữ liệu mở và từ điển dữ liệu"
)
def catalogue():
    return [
        DatasetOut(
            slug=d.slug,
            title=d.title,
            description=d.description,
            has_data=d.has_data,
            csv_url=f"/api/v1/open-data/{d.slug}.csv",
            json_url=f"/api/v1/open-data/{d.slug}.json",
            columns=[
                ColumnOut(name=c.name, type=c.type, description=c.description) for c in d.columns
            ],
        )
        for d in opendata.DATASETS.values()
    ]


@router.get(
    "/{dataset}.{fmt}",
    summary="Tải một bộ dữ liệu (csv hoặc json)",
    description=(
        "CSV: UTF-8 có BOM (Excel đọc đúng tiếng Việt), phân cách bằng dấu phẩy, một dòng tiêu đề. "
        "JSON: một mảng các đối tượng. Số dùng dấu chấm thập phân, ngày theo ISO 8601. "
        "Chỉ có dữ liệu đã công bố; không có thông tin cá nhân của người gửi phản ánh. "
        "Dữ liệu được gửi dần (streaming), phù hợp cả khi rất lớn."
    ),
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def download(dataset: str, fmt: str, request: Request):
    return dataset_response(request, dataset, fmt)
