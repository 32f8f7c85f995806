-- Version 9: deleting a tenant (privacy/README.md). audit_log stays append-only while its tenant exists; once the
-- tenant row itself is deleted, the ON DELETE CASCADE may take the trail with it (a trail of a tenant that no longer
-- exists cannot be kept in a table that references it). A DELETE of a living tenant's entries is still refused, by
-- anyone: vitals_app has no DELETE grant, and this trigger stops the owner and superusers too.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
