using System.Collections;

namespace Sparkify.Loader.Sql;

/// <summary>The <c>.sql</c> files of one folder of the loader, embedded in it, in file-name order.</summary>
public sealed class SqlFolder : IReadOnlyList<SqlScript>
{
    private readonly List<SqlScript> _scripts;

    /// <param name="path">The folder, as the repository names it: <c>Loading/Sql</c>.</param>
    public SqlFolder(string path) => (Path, _scripts) = (path, SqlScripts.Load(path));

    public string Path { get; }

    /// <summary>The file <paramref name="name"/>; one that is not embedded is a bug, said with the folder and the files it holds.</summary>
    public SqlScript Get(string name) => _scripts.Find(s => s.Name == name)
        ?? throw new InvalidOperationException($"{Path}/{name} is not embedded in the loader; {Path} holds {string.Join(", ", _scripts.Select(s => s.Name))}. " +
                                               "Add the file, or embed its folder in Sparkify.Loader.csproj.");

    public SqlScript this[int index] => _scripts[index];

    public int Count => _scripts.Count;

    public IEnumerator<SqlScript> GetEnumerator() => _scripts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
