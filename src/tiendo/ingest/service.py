"""Storing plans: one file, one transaction.

Loading the same file twice changes nothing (recognised by its checksum);
a changed file becomes a new version of the plan it belongs to, recognised
by province and document number, or else by its file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tiendo.clock import utcnow
from tiendo.domain.actor import Actor
from tiendo.domain.plan import DocumentMeta
from tiendo.domain.units import find_province
from tiendo.evaluate import hooks as evaluation_hooks
from tiendo.ingest.pipeline import EXTRACTOR_VERSION, LoadedPlan, Progress, load_plan
from tiendo.store import audit
from tiendo.store.repositories import MergeCounts
from tiendo.store.tables import PlanRow, PlanVersionRow
from tiendo.store.uow import UnitOfWork
from tiendo.text.vietnamese import fold


@dataclass
class IngestOutcome:
    plan_id: int
    version_no: int
    #: "new" plan, "new_version" of a known plan, or "unchanged" (same file again)
    status: str
    source_name: str
    targets: int = 0
    tasks: int = 0
    duties: int = 0
    merge: MergeCounts | None = None


def identity_keys(meta: DocumentMeta, source_name: str) -> list[str]:
    """Keys that recognise a plan across versions, most specific first."""
    keys = []
    province = find_province(meta.province) if meta.province else None
    if meta.number:
        keys.append(
            f"number:{province.code if province else '-'}:{fold(meta.number).replace(' ', '')}"
        )
    keys.append(f"file:{fold(Path(source_name).stem)}")
    return keys


def _plan_fields(meta: DocumentMeta) -> dict:
    province = find_province(meta.province) if meta.province else None
    return {
        "province_code": province.code if province else None,
        "province_name": province.name if province else meta.province,
        "issuer": meta.issuer,
        "doc_type": meta.doc_type,
        "number": meta.number,
        "issued_on": meta.date,
        "signer": meta.signer,
        "title": meta.title,
        "implements": list(meta.implements),
        "search_key": fold(
            " ".join(
                str(x)
                for x in (
                    meta.doc_type,
                    meta.number,
                    meta.issuer,
                    meta.province,
                    meta.title,
                    meta.signer,
                )
                if x
            )
        ),
    }


def store_loaded_plan(
    loaded: LoadedPlan, uow: UnitOfWork, *, actor: Actor, publish: bool = False
) -> IngestOutcome:
    """Store an already extracted plan in one transaction."""
    extracted = loaded.extracted
    name = loaded.path.name
    with uow:
        same = uow.plans.version_with_checksum(loaded.checksum)
        if same is not None:
            plan = uow.plans.get(same.plan_id)
            if publish and plan.status != "published":
                plan.status, plan.published_at = "published", utcnow()
                audit.record(
                    uow.session,
                    actor,
                    "plan.publish",
                    "plan",
                    plan.id,
                    plan_id=plan.id,
                    province_code=plan.province_code,
                )
                uow.commit()
            return IngestOutcome(plan.id, same.version_no, "unchanged", name)

        keys = identity_keys(extracted.meta, name)
        plan = next((p for p in (uow.plans.by_identity(k) for k in keys) if p is not None), None)
        status = "new_version" if plan else "new"
        fields = _plan_fields(extracted.meta)
        if plan is None:
            plan = uow.plans.add(PlanRow(identity_key=keys[0], **fields))
        before = {"current_version_id": plan.current_version_id}
        version = PlanVersionRow(
            plan_id=plan.id,
            version_no=uow.plans.next_version_no(plan.id),
            source_name=name,
            source_format=loaded.source.format,
            checksum=loaded.checksum,
            size_bytes=loaded.size_bytes,
            source_text=loaded.source.text,
            raw_text=loaded.source.raw_text
            if loaded.source.raw_text != loaded.source.text
            else None,
            repaired=loaded.source.repaired,
            uncertain=loaded.uncertain_words,
            warnings=loaded.warnings,
            extractor_version=EXTRACTOR_VERSION,
            created_by=actor.user_id,
        )
        merge = uow.plans.add_version(version, extracted)
        if status == "new_version":
            # Metadata a coordinator has not corrected follows the new text.
            for key, value in fields.items():
                if value not in (None, [], ""):
                    setattr(plan, key, value)
        plan.current_version_id = version.id
        if publish and plan.status != "published":
            plan.status, plan.published_at = "published", utcnow()
        # New or changed targets and tasks get a status in the same transaction.
        evaluation_hooks.on_plan_changed(uow.session, plan.id)
        audit.record(
            uow.session,
            actor,
            "plan.ingest",
            "plan",
            plan.id,
            plan_id=plan.id,
            province_code=plan.province_code,
            before=before,
            after={
                "version_id": version.id,
                "version_no": version.version_no,
                "source_name": name,
                "checksum": loaded.checksum,
                "status": status,
                "added": merge.added,
                "updated": merge.updated,
                "retired": merge.retired,
                "kept_corrections": merge.kept_corrections,
            },
        )
        outcome = IngestOutcome(
            plan_id=plan.id,
            version_no=version.version_no,
            status=status,
            source_name=name,
            targets=len(extracted.targets),
            tasks=len(extracted.tasks),
            duties=len(extracted.duties),
            merge=merge,
        )
        uow.commit()
        return outcome


def ingest_file(
    path: Path,
    uow: UnitOfWork,
    *,
    actor: Actor,
    publish: bool = False,
    max_bytes: int = 20 * 1024 * 1024,
    progress: Progress | None = None,
) -> IngestOutcome:
    """Read, extract and store one plan file; all of it is stored or nothing."""
    loaded = load_plan(Path(path), max_bytes=max_bytes, progress=progress)
    return store_loaded_plan(loaded, uow, actor=actor, publish=publish)
