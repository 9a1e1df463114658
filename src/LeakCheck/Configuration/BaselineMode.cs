namespace LeakCheck.Configuration;

/// <summary>What LeakCheck does with a run's reports: where the JSON file goes, and what the baseline does.</summary>
internal enum BaselineMode
{
    /// <summary>Leaks listed in the baseline file (when it exists) do not fail tests.</summary>
    Use,

    /// <summary>Every leak of the run is written to the baseline file at the end; leaks do not fail tests.</summary>
    Record,

    /// <summary>The baseline file is not read.</summary>
    Off,
}
