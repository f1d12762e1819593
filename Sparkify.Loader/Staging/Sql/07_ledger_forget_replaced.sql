-- loaded_files: a staged file whose content changed is recorded again with its new content, as the run that restages it.
delete from loaded_files
where table_name = @table_name
    and path = any(@paths)
