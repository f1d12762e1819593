using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Sparkify.Data;

/// <summary>The warehouse: two staging tables and a star schema around <c>songplays</c>.</summary>
/// <remarks>The model is the schema's single source; data is moved by set-based SQL, not through this context.</remarks>
public sealed class SparkifyDbContext(DbContextOptions<SparkifyDbContext> options) : DbContext(options)
{
    public DbSet<StagingEvent> StagingEvents => Set<StagingEvent>();
    public DbSet<StagingSong> StagingSongs => Set<StagingSong>();
    public DbSet<SongPlay> SongPlays => Set<SongPlay>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserLevel> UserLevels => Set<UserLevel>();
    public DbSet<Song> Songs => Set<Song>();
    public DbSet<Artist> Artists => Set<Artist>();
    public DbSet<StartTime> StartTimes => Set<StartTime>();
    public DbSet<LoadRun> LoadRuns => Set<LoadRun>();
    public DbSet<LoadError> LoadErrors => Set<LoadError>();
    public DbSet<LoadedFile> LoadedFiles => Set<LoadedFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SparkifyDbContext).Assembly);

    /// <remarks>
    /// No index per foreign key by convention: each costs upkeep on every bulk insert, and none serves a
    /// query the loader or the analytic questions run. The indexes that pay for themselves are declared
    /// in the configurations.
    /// </remarks>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
}
