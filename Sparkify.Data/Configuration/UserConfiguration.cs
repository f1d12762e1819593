using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sparkify.Data.Redshift;
using Sparkify.Data.Schema;

namespace Sparkify.Data.Configuration;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.IsCheckedByLoader();
        builder.HasKey(u => u.UserId);
        // A small dimension that every analytic query joins: a full copy on each node makes the join local.
        builder.HasRedshiftDistributionStyle(RedshiftDistributionStyle.All).HasRedshiftSortKey(u => u.UserId);
        // The id comes from the event logs, never from the database.
        builder.Property(u => u.UserId).ValueGeneratedNever();
        builder.Property(u => u.FirstName).HasColumnType(ColumnTypes.Name);
        builder.Property(u => u.LastName).HasColumnType(ColumnTypes.Name);
        builder.Property(u => u.Gender).HasColumnType(ColumnTypes.Flag);
        builder.Property(u => u.Level).HasColumnType(ColumnTypes.Flag).HasAcceptedValues(Levels.Accepted);
        builder.Property(u => u.LastPlayedAt).HasColumnType(ColumnTypes.UtcTimestamp);
    }
}
