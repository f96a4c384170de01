"""Personal data (PIPL arts. 45 and 47, GDPR arts. 15 and 17): erase a person, or export
everything stored about them.

One write path for the API and the CLI: ``erase_person`` removes the person from the
graph store (``GraphStore.purge_person``), makes their audit entries anonymous
(``graphcrm.access.audit_erasure``), audits the erasure and tells the caches;
``export_person`` reads every version of every record about them and the audit of
who read or changed their data.
"""

from graphcrm.privacy.erase import AuditRequest, Erasure, check_confirmation, erase_person
from graphcrm.privacy.export import export_person

__all__ = ["AuditRequest", "Erasure", "check_confirmation", "erase_person", "export_person"]
