namespace Sparkify.Tests.Infrastructure;

/// <summary>The copy of the repository that first-contact tests start from is what git would hand out, found without git.</summary>
public sealed class RepositoryCopyTests
{
    [Fact]
    public async Task The_copy_holds_the_files_git_would_list_without_asking_git()
    {
        var root = DataPaths.RepositoryRoot;
        if (!Path.Exists(Path.Combine(root, ".git")))
            Assert.Skip($"{root} has no .git (an exported copy, say): there is no git listing to compare the copy with.");
        // What a clone holds plus files not yet added, minus what .gitignore names: the same rule, as git applies it.
        var listed = await ProcessRun.RunAsync("git", ["-c", "core.quotePath=false", "ls-files", "--cached", "--others", "--exclude-standard"], root,
            timeout: TimeSpan.FromMinutes(1));
        Assert.True(listed.ExitCode == 0, listed.Output);
        // Git lists a link to a folder as a file (.tools links to a shared install in some worktrees); a clone has none.
        var expected = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => File.Exists(Path.Combine(root, f)) && !Directory.Exists(Path.Combine(root, f))).Order(StringComparer.Ordinal);

        Assert.Equal(expected, RepositoryCopy.Files(root));
    }

    [Fact]
    public void A_copy_without_git_leaves_out_the_ignored_folders_and_keeps_the_rest()
    {
        var root = Directory.CreateTempSubdirectory("sparkify-export-").FullName;
        try
        {
            foreach (var file in new[] { "Sparkify.sln", "README.md", "src/A.cs", "src/bin/Debug/A.dll", "src/obj/project.assets.json", ".sparkify/pgdata/PG_VERSION",
                         "bench/.work/run.txt", "bench/run.sh", "docs/report/index.md", "report/index.html", "notes.user", "obj" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.WriteAllText(Path.Combine(root, file), file);
            }
            File.Copy(Path.Combine(DataPaths.RepositoryRoot, ".gitignore"), Path.Combine(root, ".gitignore"));

            var files = RepositoryCopy.Files(root);

            // "obj/" names folders only, so a file called obj stays; "bench/.work/" is anchored, "report/" is not.
            Assert.Equal([".gitignore", "README.md", "Sparkify.sln", "bench/run.sh", "obj", "src/A.cs"], files);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
