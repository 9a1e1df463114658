namespace Smoke; public class Empty { }
