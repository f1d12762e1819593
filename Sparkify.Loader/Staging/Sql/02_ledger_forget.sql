-- loaded_files: a full reload of a staging table starts its ledger afresh.
delete from loaded_files
where table_name = @table_name
