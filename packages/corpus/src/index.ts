export { corpusDir } from './config.ts';
export { type CorpusArticle, loadCorpus } from './load.ts';
export {
  type DumpFeatures,
  type RenderedDump,
  type RenderingSummary,
  type RenderOptions,
  renderCorpus,
  renderCorpusDumps,
  renderDump,
  renderSeedLayout,
  summarizeRendering,
} from './render.ts';
export { renderArticlePage } from './render-html.ts';
