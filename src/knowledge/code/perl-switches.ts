// Perl's (and Ruby's) command-line switches come in clusters: `-0777pi.bak`, `-lne`, `-0pi`. A
// number may follow -0 (the record separator, octal or 0x hex) and -l; switches whose value is the
// rest of the word (-M, -m, -I, -x, -F, -C, -d, -D, -i itself) end the cluster.
const SWITCH = String.raw`(?:[abcfghjknopqrstuvwyzABGHJKLNOPQRSTUVWXYZ]|0(?:x[0-9a-fA-F]*|[0-7]*)|l[0-7]*)`;

/** A cluster that edits its files in place: `-i`, `-pi`, `-0pi`, `-i.bak`, `-0777pi`. */
export const PERL_IN_PLACE = new RegExp(String.raw`^-${SWITCH}*i`);

/** A cluster whose last switch is -e/-E, so the next word is code: `-e`, `-pe`, `-lne`, `-0ne`. */
export const PERL_CODE_CLUSTER = new RegExp(String.raw`^-${SWITCH}*[eE]$`);
