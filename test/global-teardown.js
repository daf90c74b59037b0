/** Removes the temporary cache folder of global-setup.js. */
const { rmSync } = require('fs');

module.exports = async () => {
  const dir = process.env.XDG_CACHE_HOME;
  if (dir && /fc3-role-test-cache-/.test(dir)) rmSync(dir, { recursive: true, force: true });
};
