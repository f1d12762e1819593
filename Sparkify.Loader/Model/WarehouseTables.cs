using Microsoft.EntityFrameworkCore;
using Sparkify.Data.Entities;

namespace Sparkify.Loader.Model;

/// <summary>
/// The warehouse's table names, read once from the EF model that creates the tables, so that no list of them can
/// fall behind it; <see cref="All"/> puts staging first, in the order reports list them.
/// </summary>
public static class WarehouseTables
{
    private static readonly Dictionary<Type, string> Names = WarehouseModel.Derive(model =>
        model.GetEntityTypes().Where(e => e.GetTableName() is not null).ToDictionary(e => e.ClrType, e => e.GetTableName()!));

    public static string StagingEvents { get; } = Of<StagingEvent>();
    public static string StagingSongs { get; } = Of<StagingSong>();
    public static string SongPlays { get; } = Of<SongPlay>();
    public static string Users { get; } = Of<User>();
    public static string UserLevels { get; } = Of<UserLevel>();
    public static string Songs { get; } = Of<Song>();
    public static string Artists { get; } = Of<Artist>();
    public static string Time { get; } = Of<StartTime>();

    public static IReadOnlyList<string> Staging { get; } = [StagingEvents, StagingSongs];

    public static IReadOnlyList<string> Star { get; } = [Songs, Artists, Users, UserLevels, SongPlays, Time];

    public static IReadOnlyList<string> All { get; } = [.. Staging, .. Star];

    /// <summary>The table the model maps <typeparamref name="TEntity"/> to.</summary>
    public static string Of<TEntity>() => Names[typeof(TEntity)];
}
