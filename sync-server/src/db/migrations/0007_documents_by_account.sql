-- Version 7: documents by the account they belong to (KPI months, playbook runs, alerts). The alert engine reads
-- the accounts a write touched after every push; without this index that read scans every document of the
-- collection, which on a tenant of 50,000 KPI months costs more than the push itself.
CREATE INDEX sync_documents_by_account ON sync_documents (tenant_id, collection, (data->>'accountId'))
  WHERE data ? 'accountId';
