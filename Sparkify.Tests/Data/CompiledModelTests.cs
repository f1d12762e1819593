using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using Sparkify.Data.Compiled;
using Sparkify.Loader.Upkeep;

namespace Sparkify.Tests.Data;

/// <summary>
/// The compiled model in Sparkify.Data/Compiled, which every <see cref="SparkifyDbContext"/> runs on (it spares each run building
/// the model), is what <c>dotnet ef dbcontext optimize</c> writes for the model today, and maps the tables the built model maps on
/// both engines. Regenerate it with the command in docs/design.md ("The compiled model").
/// </summary>
public sealed class CompiledModelTests
{
    private const string NoConnection = "Host=model.invalid";

    private static readonly string Folder = Path.Combine(DataPaths.RepositoryRoot, "Sparkify.Data", "Compiled");

    [Fact]
    public void The_committed_compiled_model_is_what_dotnet_ef_writes_for_the_model_today()
    {
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres(NoConnection));
        var generated = Generate(context).ToDictionary(f => Path.GetFileName(f.Path), f => WithoutModelId(f.Code));
        var committed = Directory.EnumerateFiles(Folder, "*.cs").ToDictionary(f => Path.GetFileName(f), f => WithoutModelId(File.ReadAllText(f)));

        Assert.Equal(generated.Keys.Order(), committed.Keys.Order()!);
        Assert.All(generated, file => Assert.True(committed[file.Key] == file.Value,
            $"Sparkify.Data/Compiled/{file.Key} is not what the model generates today: regenerate the compiled model " +
            "(docs/design.md, \"The compiled model\") and review the difference."));
    }

    [Theory]
    [InlineData(DatabaseEngine.Postgres)]
    [InlineData(DatabaseEngine.Redshift)]
    public void On_either_engine_the_compiled_model_maps_what_the_built_model_maps(DatabaseEngine engine)
    {
        using var context = new SparkifyDbContext(engine == DatabaseEngine.Redshift
            ? SparkifyDbContextOptions.ForRedshift(NoConnection)
            : SparkifyDbContextOptions.ForPostgres(NoConnection));
        var built = DesignTimeModel.Of(engine);

        Assert.IsType<SparkifyDbContextModel>(context.Model, exactMatch: false);
        Assert.Equal(Tables(built.GetRelationalModel()), Tables(context.Model.GetRelationalModel()));
        Assert.Equal(Annotations(built), Annotations(context.Model));
    }

    [Fact]
    public void The_loader_refreshes_every_BRIN_index_the_migrations_create()
    {
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres(NoConnection));
        var built = DesignTimeModel.Of().GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Where(i => i.MappedIndexes.Any(m => m.GetMethod() == "brin")).Select(i => $"{t.Name}.{i.Name}"));

        var refreshed = PostgresUpkeep.BrinIndexes(context.Model).SelectMany(table => table.Select(index => $"{table.Key}.{index}"));

        Assert.NotEmpty(built);
        Assert.Equal(built.Order(StringComparer.Ordinal), refreshed.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The tables as the loader reads them (EF Core's differ cannot take a runtime model, which lacks design-time facts such as the
    /// collation and its own design-time annotations): columns with their store types and nullability, keys, foreign keys and indexes, and their annotations.
    /// </summary>
    private static List<string> Tables(IRelationalModel model) =>
    [
        .. model.Tables.SelectMany(table => new[] { $"{table.Name}: {Listed(table.GetAnnotations())}" }
                .Concat(table.Columns.Select(c => $"{table.Name}.{c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")} {Listed(c.GetAnnotations())}"))
                .Concat(table.UniqueConstraints.Select(k => $"{table.Name} key {k.Name} ({Names(k.Columns)}) {Listed(k.GetAnnotations())}"))
                .Concat(table.ForeignKeyConstraints.Select(k =>
                    $"{table.Name} foreign key {k.Name} ({Names(k.Columns)}) -> {k.PrincipalTable.Name} ({Names(k.PrincipalColumns)}) {k.OnDeleteAction} {Listed(k.GetAnnotations())}"))
                .Concat(table.Indexes.Select(i => $"{table.Name} index {i.Name} ({Names(i.Columns)}) {(i.IsUnique ? "unique" : "")} {Listed(i.GetAnnotations())}")))
            .Order(StringComparer.Ordinal),
    ];

    private static string Names(IEnumerable<IColumn> columns) => string.Join(",", columns.Select(c => c.Name));

    private static string Listed(IEnumerable<IAnnotation> annotations) =>
        string.Join(" ", Ours(annotations).Select(a => $"{a.Name}={Value(a.Value)}").Order(StringComparer.Ordinal));

    /// <summary>What the loader reads off the model besides its tables: every annotation of ours on entity types, properties and keys.</summary>
    private static List<string> Annotations(IModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(entity => new IReadOnlyAnnotatable[] { entity }
                .Concat(entity.GetProperties()).Concat(entity.GetForeignKeys()).Concat(entity.GetKeys()).Concat(entity.GetIndexes())
                .SelectMany(item => Ours(item.GetAnnotations()).Select(a => $"{entity.Name} {item} {a.Name}={Value(a.Value)}")))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The annotations of this project's own (EF Core's and Npgsql's design-time ones are not in a runtime model).</summary>
    private static IEnumerable<IAnnotation> Ours(IEnumerable<IAnnotation> annotations) =>
        annotations.Where(a => a.Name.StartsWith("Sparkify:", StringComparison.Ordinal) || a.Name.StartsWith("Redshift:", StringComparison.Ordinal));

    private static string Value(object? value) => value switch
    {
        string text => text,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object>()),
        _ => $"{value}",
    };

    /// <summary>What <c>dotnet ef dbcontext optimize</c> writes, made in process by the same generator with the same options.</summary>
    private static IReadOnlyCollection<ScaffoldedFile> Generate(SparkifyDbContext context)
    {
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // Npgsql's design-time services, as dotnet ef finds them through the provider's attribute
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = typeof(SparkifyDbContext),
            ModelNamespace = typeof(SparkifyDbContextModel).Namespace!,
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(context.GetService<IDesignTimeModel>().Model, options);
    }

    /// <summary>Each build of a model gets a new id, which the generated constructor writes; nothing else in the files moves.</summary>
    private static string WithoutModelId(string code) =>
        System.Text.RegularExpressions.Regex.Replace(code.TrimStart('\uFEFF'), "modelId: new Guid\\(\"[0-9a-f-]+\"\\)", "modelId: …");
}
