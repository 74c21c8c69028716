"""/api/v1/provinces: provinces with their 2025 successors."""

from __future__ import annotations

from fastapi import APIRouter

from tiendo.domain.units import PROVINCES
from tiendo.store.queries import province_ref
from tiendo.store.readmodels import ProvinceRef

router = APIRouter(tags=["Địa giới hành chính"])


@router.get(
    "/provinces",
    response_model=list[ProvinceRef],
    summary="63 tỉnh cũ và 34 tỉnh sau sáp nhập 2025",
)
def provinces():
    return [province_ref(code) for code in PROVINCES]
